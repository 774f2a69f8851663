/**
 * What the use cases need from the world, as interfaces: storage, the payment gateway and the
 * clock. Production adapters (CloudBase, WeChat Pay) and local ones (PGlite, sandboxes) implement
 * them; the use cases never know which.
 */
import type { ProofType } from './proof';
import type { CivilDate } from './civil-date';
import type { Fen } from './money';
import type { RefundState } from './refund-states';
import type { ApplicantRelation, IdentityCode } from './vocabulary';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** A roster entry (花名册): what the bureau knows of a person. */
export interface PersonRecord {
  personId: string;
  householdId: string;
  /** null for a newborn registered with a birth-certificate number before it has an ID number. */
  idNumber: string | null;
  birthCertificateNo: string | null;
  /** The member who registered a newborn for the household (its guardian). */
  guardianId: string | null;
  name: string;
  birthDate: CivilDate;
  hukou: 'local' | 'nonlocal';
  residencePermit: boolean;
  employeeInsured: boolean;
  employeeHistory: { continuousYears: number; endedOn: CivilDate } | null;
  school: boolean;
  migrantWorker: boolean;
  military: boolean;
  prisoner: boolean;
  leavesOn: CivilDate | null;
  dischargedOn: CivilDate | null;
  /** Coverage years insured in any scheme, from the roster (参保年度); null: not known. */
  enrolledYears: number[] | null;
  /** No claim paid last year (上年度零报销), from the roster. */
  claimFreeLastYear: boolean;
  /**
   * A newborn registered online with a number that another member (this personId) already holds:
   * both registrations stand, unchanged to either family, until an operator decides with the birth
   * certificate (resolveNewbornClaim). The number waits in `claimedNumber` meanwhile.
   */
  claimOf?: string | null;
  claimedNumber?: string | null;
}

export interface HouseholdRecord {
  householdId: string;
  region: string;
  /** Township or village, for progress against targets. */
  unit: string;
}

/** A subsidy identity from a department's list (民政, 乡村振兴, 残联, 退役军人, 卫健). */
export interface IdentityRecord {
  idNumber: string;
  identity: IdentityCode;
  department: string;
  recognizedOn: CivilDate | null;
}

export type OrderStatus = 'created' | 'paid' | 'closed';
export type ItemStatus = 'pending' | 'enrolled' | 'duplicate' | 'refund_requested' | 'refunded';

export interface OrderItem {
  personId: string;
  due: Fen;
  coverageStart: CivilDate;
  coverageEnd: CivilDate;
  status: ItemStatus;
  /** Missing years back-paid with this item (修复), included in `due`. */
  repairYears?: number[];
}

export interface OrderRecord {
  orderNo: string;
  openid: string;
  householdId: string;
  policyId: string;
  total: Fen;
  status: OrderStatus;
  createdAt: number;
  paidAt: number | null;
  transactionId: string | null;
  items: OrderItem[];
  /** The household's township or village when ordered: its enrolments count there in progress. */
  unit?: string;
  /** The version of the policy year it was priced with (1: the data file; later: a published correction). */
  policyVersion?: number;
}

export interface EnrolmentRecord {
  personId: string;
  policyId: string;
  orderNo: string;
  coverageStart: CivilDate;
  coverageEnd: CivilDate;
  paidAmount: Fen;
  status: 'enrolled' | 'refund_requested' | 'refunded';
}

export interface AuditEntry {
  at: number;
  openid: string;
  action: string;
  /** Masked: an ID number never enters the audit log in full. */
  subject: string;
  outcome: string;
}

export interface RefundRecord {
  refundNo: string;
  orderNo: string;
  personId: string;
  amount: Fen;
  reason: string;
  status: RefundState;
  requestedAt: number;
  /** Tries so far: each goes to WeChat Pay as its own out_refund_no (`refundOutNo`). */
  attempt: number;
  /** WeChat Pay's word when it failed, or the operator's reason for rejecting it: for the resident and the operator. */
  failure: string | null;
  /** Who asked, when not the insured person (a death refund: a relative), for the operator reviewing it. */
  applicant?: RefundApplicant | null;
  /** The proof the resident uploaded (src/core/proof.ts), until the request is reviewed. */
  proof?: RefundProof | null;
}

export interface RefundProof {
  fileID: string;
  type: ProofType;
}

export interface RefundApplicant {
  relation: ApplicantRelation;
  name: string;
  phone: string;
}

/** The out_refund_no of a refund's attempt: a new attempt after a failure is a new request to WeChat Pay. */
export const refundOutNo = (r: Pick<RefundRecord, 'refundNo' | 'attempt'>) => `${r.refundNo}-${r.attempt}`;
export const refundNoOf = (outRefundNo: string) => outRefundNo.replace(/-\d+$/, '');

/** A member's 医保电子凭证 as far as this product knows it: it hands off and records what it is told. */
export interface VoucherRecord {
  personId: string;
  ticket: string;
  status: 'pending' | 'activated' | 'failed';
  requestedBy: string;
  byGuardian: boolean;
  requestedAt: number;
  activatedAt: number | null;
}

/** A change to a policy year's progress counters for one township or village. */
export interface UnitCountChange {
  policyId: string;
  unit: string;
  enrolled?: number;
  vouchersActivated?: number;
}

export interface RosterCount {
  unit: string;
  persons: number;
}

export interface UnitCount {
  unit: string;
  enrolled: number;
  vouchersActivated: number;
}

/** Storage operations inside one transaction. */
export type PolicyVersionStatus = 'draft' | 'approved' | 'published' | 'superseded';

/**
 * A region-year's policy as data through its life: drafted by one operator, approved by another,
 * published (on sale from then on, never changed again), superseded by a later correction.
 */
export interface PolicyVersionRecord {
  policyId: string;
  version: number;
  status: PolicyVersionStatus;
  /** The region-year as its data file writes it (src/policies/schema.ts). */
  data: unknown;
  reason: string;
  draftedBy: string;
  draftedAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  publishedAt: number | null;
  /**
   * The first day it is sold (Asia/Shanghai), named when it is published: until then the version
   * it corrects stays in force. Null before publication (and on versions published before dates
   * were named: sold from publication).
   */
  saleFrom: CivilDate | null;
}

/**
 * What an operator may do with policy years, per region code ("*": every region): a drafter
 * drafts, an approver approves and publishes; every operator may look and preview.
 */
export type OperatorRole = 'drafter' | 'approver';
export type OperatorRoles = Readonly<Record<string, readonly OperatorRole[]>>;

export interface StorageTx {
  /**
   * Roster writes (operator imports, seeding, newborns), many at a time: writing the same record
   * again changes nothing; of two for the same key in one call, the last counts.
   */
  upsertHouseholds(households: HouseholdRecord[]): Promise<void>;
  upsertPersons(persons: PersonRecord[]): Promise<void>;
  upsertIdentities(identities: IdentityRecord[]): Promise<void>;

  findPersonByIdNumber(idNumber: string): Promise<PersonRecord | null>;
  /**
   * The same, read the same way whether or not the number is on the roster (never from a cache):
   * how long a lookup takes must not tell an ID on the roster from one that is not.
   */
  lookupPerson(idNumber: string): Promise<PersonRecord | null>;
  /** The persons holding these ID numbers (an import's chunk at once). */
  findPersonsByIdNumbers(idNumbers: string[]): Promise<PersonRecord[]>;
  findHouseholds(householdIds: string[]): Promise<HouseholdRecord[]>;
  /** Persons by their ids, wherever they live now (an order's members after an operator moved one). */
  personsById(personIds: string[]): Promise<PersonRecord[]>;
  /** Takes a registration an operator voided off the roster (its orders and enrolments stay, for the record). */
  removePerson(personId: string): Promise<void>;
  findPersonByBirthCertificate(certificateNo: string): Promise<PersonRecord | null>;
  household(householdId: string): Promise<HouseholdRecord | null>;
  householdMembers(householdId: string): Promise<PersonRecord[]>;
  identitiesOf(idNumbers: string[]): Promise<IdentityRecord[]>;
  enrolmentsOf(personIds: string[], policyId: string): Promise<EnrolmentRecord[]>;

  isOperator(openid: string): Promise<boolean>;
  /** The operator's roles on policy years; null when the caller is no operator. */
  operatorRoles(openid: string): Promise<OperatorRoles | null>;
  /** One version of a policy year (read inside a transaction: a concurrent change makes one retry). */
  policyVersion(policyId: string, version: number): Promise<PolicyVersionRecord | null>;
  /** Writes a version whole (a new one, or one moving to its next status). */
  putPolicyVersion(version: PolicyVersionRecord): Promise<void>;
  /** Remembers that this caller proved they know `memberId` (name and ID number) of the household. */
  grantAccess(openid: string, householdId: string, memberId: string, at: number): Promise<void>;
  hasAccess(openid: string, householdId: string): Promise<boolean>;
  /** The members of a household this caller identified as. */
  identifiedMembers(openid: string, householdId: string): Promise<string[]>;
  /**
   * Counts a call and returns how many this caller made since `since` (inclusive of this one). Every
   * counted call is audited under the same action afterwards, so an adapter may count those lines.
   */
  countCall(openid: string, action: string, at: number, since: number): Promise<number>;
  audit(...entries: AuditEntry[]): Promise<void>;
  /** Audit lines of one action since `since`, newest first, at most `limit` (what operators must look at). */
  auditEntries(action: string, since: number, limit: number): Promise<AuditEntry[]>;
  /** Failed lookups (wrong name, or a number not on the roster) of this ID number since `since`. */
  lookupFailures(idNumber: string, since: number): Promise<number>;
  /** Remembers a failed lookup of this ID number (adapters keep a hash of it, not the number). */
  recordLookupFailure(idNumber: string, at: number): Promise<void>;
  /** Failed lookups since `since` of IDs from one region (an ID's first six digits), or of everyone. */
  lookupFailuresIn(scope: { region: string } | 'all', since: number): Promise<number>;

  insertOrder(order: OrderRecord): Promise<void>;
  /**
   * Orders by number (missing ones are left out). Inside a transaction, a concurrent change to one
   * of them makes one of the two transactions retry.
   */
  ordersByNo(orderNos: string[]): Promise<OrderRecord[]>;
  order(orderNo: string): Promise<OrderRecord | null>;
  ordersOf(openid: string): Promise<OrderRecord[]>;
  unsettledOrders(createdBefore: number): Promise<OrderRecord[]>;
  /** Paid orders with an item still `duplicate`: money taken for a member another order enrolled, not yet on its way back. */
  ordersWithDuplicates(): Promise<OrderRecord[]>;
  setItemStatuses(changes: { orderNo: string; personId: string; status: ItemStatus }[]): Promise<void>;
  setEnrolmentStatus(personId: string, policyId: string, status: EnrolmentRecord['status']): Promise<void>;
  /** Enrolled persons of a policy year per township or village, and how many activated a voucher. */
  unitCounts(policyId: string): Promise<UnitCount[]>;
  /** The roster per township or village of a region: the persons on it now. */
  rosterCounts(region: string): Promise<RosterCount[]>;
  voucherOf(personId: string): Promise<VoucherRecord | null>;
  voucherByTicket(ticket: string): Promise<VoucherRecord | null>;
  upsertVoucher(voucher: VoucherRecord): Promise<void>;
  insertRefund(refund: RefundRecord): Promise<void>;
  updateRefund(refundNo: string, change: Pick<RefundRecord, 'status' | 'attempt' | 'failure'>): Promise<void>;
  refund(refundNo: string): Promise<RefundRecord | null>;
  refundsOf(orderNo: string): Promise<RefundRecord[]>;
  /** Refunds WeChat Pay has not finished (requested or processing), asked before `requestedBefore`. */
  unsettledRefunds(requestedBefore: number): Promise<RefundRecord[]>;
  /** Refunds waiting for an operator: requests to review, and failures to ask again. */
  refundsForOperators(): Promise<RefundRecord[]>;
}

export interface Storage extends StorageTx {
  /**
   * Whether a roster chunk is written in one transaction. Where a transaction takes one document
   * operation per round trip (CloudBase), the chunk goes without one: roster writes are idempotent,
   * so a chunk cut short is completed by importing the file again.
   */
  readonly importsInTransactions: boolean;
  /** Runs `work` atomically: all of it is stored, or none of it. */
  transaction<T>(work: (tx: StorageTx) => Promise<T>): Promise<T>;
  /*
   * Settlement's three writes. Each is atomic on its own and safe to repeat, so settling needs no
   * transaction (on CloudBase one costs a round trip per operation): a settlement cut short is
   * finished by the next notice or by reconcile, and answers the same.
   */
  /**
   * Enrols each person for the year unless an enrolment is held already (a refunded one is taken
   * over; of two in the list for one person, the first is tried); returns the enrolment each person
   * holds afterwards, whichever order holds it.
   */
  claimEnrolments(enrolments: EnrolmentRecord[]): Promise<EnrolmentRecord[]>;
  /**
   * Marks orders paid and, in the same write, each item's outcome (enrolled or duplicate) — only
   * orders not paid yet, so of two settlements of one order exactly one moves it. Returns the
   * order numbers this call moved.
   */
  markOrdersPaid(paid: { orderNo: string; transactionId: string; paidAt: number; items: { personId: string; status: ItemStatus }[] }[]): Promise<string[]>;
  /** Closes an order still waiting for payment; false when it was paid or closed meanwhile. */
  markOrderClosed(orderNo: string): Promise<boolean>;
  /**
   * Progress counters, changed by atomic increments as enrolments, refund requests and voucher
   * activations commit (not inside their transactions: see countProgress), so progress reads a
   * few documents instead of scanning the year.
   */
  addToUnitCounts(changes: UnitCountChange[]): Promise<void>;
  /** Every stored policy version (a few per region and year). */
  policyVersions(): Promise<PolicyVersionRecord[]>;
  /**
   * A page of a region's roster — households in id order after `after`, of one township or village
   * if `unit` is given, at most `limit` — with their members: a preview's window, a unit's unpaid list.
   */
  rosterPage(region: string, page: { unit?: string; after?: string }, limit: number): Promise<Array<{ household: HouseholdRecord; members: PersonRecord[] }>>;
  /** Stores a reminder; one per caller, kind and subject (asking again replaces the pending one). */
  putReminder(reminder: ReminderRecord): Promise<void>;
  /** Pending reminders whose day has come (sendOn on or before `today`), oldest first, at most `limit`. */
  remindersDue(today: CivilDate, limit: number): Promise<ReminderRecord[]>;
  /** Sets the day a pending reminder goes (a refund's, once decided); no effect on one already settled. */
  wakeReminder(id: string, sendOn: CivilDate): Promise<void>;
  /** Moves a pending reminder on (sent, not needed, or refused by WeChat). */
  settleReminder(id: string, change: Pick<ReminderRecord, 'status' | 'settledAt' | 'note'>): Promise<void>;
}

/**
 * A WeChat subscription message the resident asked for (one message per consent, as WeChat's
 * one-time subscriptions allow): the deadline of a household's payment, or a refund's outcome.
 * States: pending → sent | skipped (nothing left to say: all paid, deadline passed) | refused
 * (WeChat would not deliver: no consent left, template gone); every state is final but pending.
 */
export interface ReminderRecord {
  /** `${openid}_${kind}_${subject}`: asking again for the same thing replaces it. */
  id: string;
  openid: string;
  kind: ReminderKind;
  /** The household (deadline) or the refund number (refund). */
  subject: string;
  /** The Shanghai date it goes out on or after (a refund's: the day it was asked for; sent once decided). */
  sendOn: CivilDate;
  status: 'pending' | 'sent' | 'skipped' | 'refused';
  createdAt: number;
  settledAt: number | null;
  /** Why it was skipped or refused (for whoever looks), or null. */
  note: string | null;
}

export type ReminderKind = 'deadline' | 'refund';

/** A subscription message's content: named values the deployment maps onto its template's fields. */
export interface ReminderMessage {
  openid: string;
  kind: ReminderKind;
  /** The mini-program page a tap opens. */
  page: string;
  values: Record<string, string>;
}

/** WeChat's subscription messages (订阅消息), as the product meets them. */
export interface Messenger {
  /** The template the resident is asked to consent to for a kind, or null when the deployment has none. */
  templateId(kind: ReminderKind): string | null;
  /** Sends it: 'sent', or 'refused' with WeChat's reason when it will never go (no consent left); throws when it may go later. */
  send(message: ReminderMessage): Promise<{ status: 'sent' } | { status: 'refused'; reason: string }>;
}

/** A payment-result notification, once its signature has been verified. */
export interface PaymentNotice {
  orderNo: string;
  transactionId: string;
  amount: Fen;
  state: 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'NOTPAY';
  paidAt: number;
}

export interface PaymentGateway {
  /** 统一下单: returns what the client needs to open the payment. */
  /** 统一下单; the payer cannot pay after `expiresAt` (epoch ms, sent as time_expire). */
  createPayment(order: { orderNo: string; amount: Fen; description: string; openid: string; expiresAt: number }): Promise<{ prepayId: string; payParams: Record<string, string> }>;
  /** 关闭订单: after this WeChat Pay takes no payment for it. Throws when it could not be closed. */
  closePayment(orderNo: string): Promise<void>;
  /** Verifies a callback's signature and decrypts it; null when it is forged or malformed. */
  verifyNotice(headers: Record<string, string>, body: string): PaymentNotice | null;
  /** 查询订单: the gateway's own word on an order, for reconciliation. */
  queryPayment(orderNo: string): Promise<PaymentNotice | null>;
  /** 申请退款 (out_refund_no per attempt). Throws when the answer is unknown (network, 5xx): ask again later. */
  refund(refund: { orderNo: string; outRefundNo: string; amount: Fen; total: Fen }): Promise<RefundOutcome>;
  /** 查询单笔退款: null when WeChat Pay has no such refund. */
  queryRefund(outRefundNo: string): Promise<RefundOutcome | null>;
  /** Verifies a refund-result notification and decrypts it; null when forged or malformed. */
  verifyRefundNotice(headers: Record<string, string>, body: string): { outRefundNo: string; outcome: RefundOutcome } | null;
}

/** WeChat Pay's word on a refund: on its way, back with the payer, or failed (with why). */
export type RefundOutcome = { state: 'PROCESSING' } | { state: 'SUCCESS' } | { state: 'FAILED'; message: string };

/** Where the resident activates the voucher: the official entry on weapp, the sandbox locally. */
export type VoucherHandOff =
  | { kind: 'miniProgram'; appId: string; path: string; extraData: { ticket: string } }
  | { kind: 'sandbox'; url: string };

export interface VoucherResult {
  ticket: string;
  status: 'activated' | 'failed';
  at: number;
}

/**
 * The national 医保电子凭证 platform as this product meets it: a third-party mini-program cannot
 * activate a voucher, it hands the resident to the official entry and is told the result.
 */
export interface VoucherPlatform {
  handOff(ticket: string, region: string): VoucherHandOff;
  /** Verifies a signed result notice; null when forged or malformed. */
  verifyResult(headers: Record<string, string>, body: string): VoucherResult | null;
  /** The platform's own word on a ticket, and the QR payload once activated. */
  status(ticket: string): Promise<{ status: 'pending' | 'activated' | 'failed'; at: number | null; qrPayload: string | null }>;
}

/**
 * Uploaded files (cloud storage on CloudBase, a folder locally): operators' rosters, read a range at
 * a time so a big roster never has to fit in one call, and residents' refund proofs.
 */
export interface FileStore {
  /** The file's size in bytes, or null when there is no such file. */
  size(fileID: string): Promise<number | null>;
  /** Bytes [start, end) of the file. */
  read(fileID: string, start: number, end: number): Promise<Uint8Array>;
  /** Deletes the file (a roster holds names and ID numbers: not kept once imported). */
  remove(fileID: string): Promise<void>;
  /** A download link valid for `seconds` (an operator opens a refund's proof), or null when there is no such file. */
  link(fileID: string, seconds: number): Promise<string | null>;
}
