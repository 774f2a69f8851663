/**
 * What each cloud function answers, as zod schemas. The app parses every reply with these before a
 * page sees it, and the integration tests parse every reply the server gives: a change on one side
 * that the other does not know fails a test instead of showing a resident a blank amount.
 */
import { PROOF_TYPES } from '../core/proof';
import * as z from 'zod/mini';
import { OUTCOMES } from '../core/vocabulary';

const yuan = z.string().check(z.regex(/^-?\d+\.\d{2}$/));
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const citations = z.array(z.string());

const memberView = {
  memberId: z.string(),
  /** Masked on the server: 张*, 王*明. */
  name: z.string(),
  /** Masked on the server: first and last character. */
  idNumber: z.string(),
  birthYear: z.int(),
};

const household = z.object({ householdId: z.string(), region: z.string(), members: z.array(z.object(memberView)) });

const payMember = z.object({
  ...memberView,
  outcome: z.literal('pay'),
  standard: yuan,
  subsidy: z.nullable(z.object({ identity: z.string(), amount: yuan, timing: z.enum(['offset', 'rebate']) })),
  due: yuan,
  coverageStart: date,
  coverageEnd: date,
  entry: z.enum(['on_time', 'extended', 'newborn', 'late_entry', 'late']),
  waitingPeriodEnds: z.optional(date),
  // From coverage year 2025 (the national layer): the waiting period, the back-payment in this
  // order, the one that would shorten the wait, the 大病保险 incentive.
  waitingPeriod: z.nullish(z.object({ fixedMonths: z.int(), variableMonths: z.int(), from: date, benefitsFrom: date })),
  repair: z.nullish(z.object({ years: z.array(z.int()), amount: yuan })),
  repairOffer: z.nullish(z.object({ years: z.array(z.int()), amount: yuan, benefitsFrom: date })),
  incentive: z.nullish(z.object({ continuousYears: z.int(), capIncrease: z.nullable(yuan) })),
  /** A newborn inside its window: the last day to pay for cover from birth. */
  newbornPayBy: z.optional(date),
  reason: z.string(),
  citations,
});

const otherMember = z.object({
  ...memberView,
  outcome: z.enum(OUTCOMES.filter((o) => o !== 'pay') as ['enrolled', 'school', 'ineligible', 'counter']),
  office: z.optional(z.string()),
  reason: z.string(),
  citations,
});

export const quoteMember = z.union([payMember, otherMember]);
export type QuotedMember = z.infer<typeof quoteMember>;
export type PayMember = z.infer<typeof payMember>;

/** The office a resident is sent to: each detail as the notice gives it, null where it does not. */
const counter = z.object({ name: z.string(), address: z.nullable(z.string()), phone: z.nullable(z.string()), hours: z.nullable(z.string()), bring: z.nullable(z.string()), relativeMayGo: z.nullable(z.string()) });
export type Counter = z.infer<typeof counter>;

const quote = z.object({
  householdId: z.string(),
  policy: z.string(),
  region: z.string(),
  coverageYear: z.int(),
  today: date,
  totalDue: yuan,
  wholeHousehold: z.nullish(z.object({ reason: z.string(), citations })),
  /** The region's premiums are paid at the tax bureau's entry, not here (a deployment setting). */
  payElsewhere: z.nullish(z.object({ name: z.string(), appId: z.nullable(z.string()), path: z.nullable(z.string()) })),
  members: z.array(quoteMember),
  counter: z.nullish(counter),
  /** Newborns born the year before, still inside their window: that year's premium, cover from birth (a separate order). */
  birthYear: z.nullish(z.object({ policy: z.string(), coverageYear: z.int(), totalDue: yuan, members: z.array(payMember) })),
  /** A reminder the resident may ask for before the deadline (the template to consent to), where the deployment has one. */
  reminder: z.nullish(z.object({ templateId: z.string(), payBy: date, sendOn: date, newborn: z.boolean() })),
});

const order = z.object({
  orderNo: z.string(),
  /** Where the payer continues an unpaid order: the household's page. */
  householdId: z.optional(z.string()),
  policyId: z.string(),
  status: z.enum(['created', 'paid', 'closed']),
  total: yuan,
  createdAt: z.number(),
  paidAt: z.nullable(z.number()),
  items: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      due: yuan,
      coverageStart: date,
      coverageEnd: date,
      status: z.enum(['pending', 'enrolled', 'duplicate', 'refund_requested', 'refunded']),
    }),
  ),
});

const voucher = z.object({
  memberId: z.string(),
  status: z.enum(['not_requested', 'pending', 'activated', 'failed']),
  activatedAt: z.nullable(z.number()),
  qrPayload: z.nullable(z.string()),
});

const handOff = z.union([
  z.object({ kind: z.literal('miniProgram'), appId: z.string(), path: z.string(), extraData: z.object({ ticket: z.string() }) }),
  z.object({ kind: z.literal('sandbox'), url: z.string() }),
]);

const refundState = z.enum(['review', 'rejected', 'requested', 'processing', 'succeeded', 'failed']);

const refundAnswer = {
  eligible: z.boolean(),
  amount: yuan,
  reason: z.string(),
  citations,
  productDefault: z.boolean(),
};

const newbornWindow = z.object({ lastDay: date, span: z.string(), afterwards: z.string(), cites: citations });

const unitProgress = z.object({ unit: z.string(), target: z.nullable(z.int()), roster: z._default(z.nullable(z.int()), null), enrolled: z.int(), permille: z.nullable(z.int()) });

const unpaidMember = z.object({ householdId: z.string(), name: z.string(), birthYear: z.int(), due: z.nullable(yuan), reason: z.string(), coverageYear: z.optional(z.int()) });

const policyVersion = z.object({
  policyId: z.string(),
  version: z.int(),
  status: z.enum(['draft', 'approved', 'published', 'superseded']),
  reason: z.string(),
  draftedBy: z.string(),
  draftedAt: z.number(),
  approvedBy: z.nullable(z.string()),
  approvedAt: z.nullable(z.number()),
  publishedAt: z.nullable(z.number()),
  // The first day it is sold (absent on versions stored before sale dates were named).
  saleFrom: z.optional(z.nullable(z.string())),
  // What keeps a draft from approval; empty once it checks clean.
  missing: z.array(z.string()),
  staleCites: z.array(z.string()),
  invalid: z.array(z.string()),
});

const previewTotals = z.object({ personal: yuan, subsidies: z.record(z.string(), yuan) });
const previewSide = z.object({ outcome: z.string(), due: z.nullable(yuan) });
const previewChange = z.object({ ref: z.string(), name: z.string(), before: previewSide, after: previewSide, reason: z.string() });
const policyPreview = z.object({
  current: z.string(),
  /** Where the next window starts; null once the roster ends. */
  next: z.nullable(z.string()),
  households: z.int(),
  persons: z.int(),
  outcomeChanges: z.record(z.string(), z.int()),
  amountChanges: z.record(z.string(), z.int()),
  before: previewTotals,
  after: previewTotals,
  sample: z.array(z.object({ ref: z.string(), members: z.array(previewChange) })),
  /** Every changed person of the window, for the CSV export. */
  changes: z.array(previewChange),
});

export const functionReplies = {
  onSale: z.object({
    today: date,
    regions: z.array(z.object({ region: z.string(), name: z.string(), coverageYear: z.int(), opens: date, closes: date, cite: z.string() })),
    /** Regions whose current year's standard is not published: the counter, no number. */
    pending: z._default(z.array(z.object({ region: z.string(), name: z.string(), coverageYear: z.int(), counterOffice: z.string() })), []),
  }),
  newbornWindow: z.object({ today: date, window: z.nullable(newbornWindow), counterOffice: z.string(), counter: z.nullish(counter), notice: z.nullish(z.object({ id: z.string(), region: z.string(), coverageYear: z.int() })) }),
  lookupHousehold: household,
  quote,
  createOrder: z.object({ orderNo: z.string(), total: yuan, status: z.enum(['created', 'paid', 'closed']), payParams: z.nullable(z.record(z.string(), z.string())) }),
  registerNewborn: z.object({
    member: z.object(memberView),
    window: newbornWindow,
    alreadyRegistered: z.boolean(),
  }),
  activateVoucher: z.object({ handOff: z.nullable(handOff), voucher }),
  voucherStatus: z.array(voucher),
  importRoster: z.object({
    rows: z.int(),
    imported: z.int(),
    unchanged: z.int(),
    rejected: z.array(z.object({ line: z.int(), reason: z.string() })),
    moreRejected: z.int(),
    // An import from an uploaded file: where the next call starts, and how far it has come.
    next: z.optional(z.nullable(z.object({ byte: z.int(), line: z.int() }))),
    bytesDone: z.optional(z.int()),
    bytesTotal: z.optional(z.int()),
  }),
  orderStatus: order,
  myOrders: z.array(order),
  certificate: z.object({
    title: z.string(),
    certificateNo: z.string(),
    orderNo: z.string(),
    transactionId: z.string(),
    paidOn: z.string(),
    region: z.string(),
    coverageYear: z.int(),
    /** The policy year and version the order was priced with, e.g. "demo-2028 第2版". */
    policy: z.optional(z.string()),
    members: z.array(z.object({ name: z.string(), idNumber: z.string(), amount: yuan, coverageStart: date, coverageEnd: date })),
    total: yuan,
    note: z.string(),
  }),
  progress: z.object({
    policyId: z.string(),
    region: z.string(),
    coverageYear: z.int(),
    unitLabel: z.string(),
    targetCite: z.nullable(z.string()),
    total: unitProgress,
    units: z.array(unitProgress),
    vouchers: z.object({ activated: z.int(), enrolled: z.int(), targetPercent: z.nullable(z.number()), cite: z.nullable(z.string()) }),
    newbornConflicts: z._default(z.array(z.object({ at: z.number(), claimantId: z.string(), name: z.string(), householdId: z.string(), registeredIn: z.string() })), []),
  }),
  resolveNewbornClaim: z.object({ keptIn: z.string(), voidedIn: z.string(), refunds: z.int() }),
  unpaidList: z.object({
    policyId: z.string(),
    unit: z.string(),
    households: z.int(),
    persons: z.int(),
    unpaid: z.array(unpaidMember),
    atCounter: z.array(unpaidMember),
    truncated: z.boolean(),
  }),
  refundCheck: z.object({ ...refundAnswer, notice: z.optional(z.object({ id: z.string(), region: z.string(), coverageYear: z.int() })) }),
  requestRefund: z.object({ ...refundAnswer, refundNo: z.string(), status: refundState, statusText: z.string(), reminderTemplateId: z.nullish(z.string()) }),
  subscribeReminder: z.object({ kind: z.enum(['deadline', 'refund']), sendOn: z.nullable(date), payBy: z.nullable(date) }),
  refundsToAttend: z.array(
    z.object({ refundNo: z.string(), orderNo: z.string(), memberName: z.string(), reason: z.string(), amount: yuan, status: refundState, statusText: z.string(), failure: z.nullable(z.string()), attempt: z.int(), requestedAt: z.number(), applicant: z._default(z.nullable(z.string()), null), proof: z._default(z.nullable(z.object({ url: z.nullable(z.string()), type: z.enum(PROOF_TYPES) })), null) }),
  ),
  retryRefund: z.object({ refundNo: z.string(), status: refundState, statusText: z.string() }),
  reviewRefund: z.object({ refundNo: z.string(), status: refundState, statusText: z.string() }),
  // list: every version; draft, approve, publish: the version; preview: what would change;
  // template: a new year's draft to fill.
  policyVersions: z.union([z.array(policyVersion), policyVersion, policyPreview, z.record(z.string(), z.unknown())]),
};

export type FunctionReply<N extends keyof typeof functionReplies> = z.infer<(typeof functionReplies)[N]>;
