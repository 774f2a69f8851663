/**
 * Every cloud function as a thin handler: validate the event with zod, call one use case, return
 * an envelope. The same handlers run under CloudBase (cloudfunctions/<name>/index.ts) and under
 * the local server (POST /api/<name>). Nothing thrown escapes: an unexpected error becomes an
 * INTERNAL envelope and a log line without personal data.
 */
import { describeIssue } from '../contracts/errors';
import { functionEvents, isFunctionName, type Envelope, type FunctionEvent, type FunctionName } from '../contracts/functions';
import { memberJson } from '../contracts/quote';
import { formatYuan } from '../core/money';
import { maskName } from '../core/id-number';
import type { Deps } from '../core/use-cases/deps';
import { loadAndQuote, lookupHousehold, memberView, type LoadedHousehold } from '../core/use-cases/household';
import { certificate, createOrder, membersOf, ownOrder } from '../core/use-cases/orders';
import { importFile } from '../core/use-cases/import-file';
import { importCsv, type ImportKind } from '../core/use-cases/import-roster';
import { registerNewborn } from '../core/use-cases/newborn';
import { resolveNewbornClaim } from '../core/use-cases/newborn-claims';
import { progress } from '../core/use-cases/progress';
import { unpaidInUnit } from '../core/use-cases/unpaid';
import { householdDeadline, subscribeReminder } from '../core/use-cases/reminders';
import { reminderDay } from '../core/rules/reminder';
import { refundCheck, refundsToAttend, requestRefund, retryRefund, reviewRefund, settleRefund } from '../core/use-cases/refunds';
import { approvePolicyVersion, draftPolicyVersion, listPolicyVersions, policyTemplate, previewPolicyVersion, publishPolicyVersion } from '../core/use-cases/policy-versions';
import { readPublished } from './published';
import { ok, type Caller, type Result } from '../core/use-cases/result';
import { settlePaid, settlePaidTogether, type Settlement } from '../core/use-cases/settlement';
import { activateVoucher, recordVoucherResult, voucherStatus } from '../core/use-cases/vouchers';
import type { OrderRecord, PaymentNotice } from '../core/ports';
import { shanghaiDateOf } from '../core/civil-date';
import { newbornWindow } from '../core/rules/newborn';
import type { MemberQuote } from '../core/rules/types';
import { allPolicies, pendingYearOn, policyOnSale } from '../policies/registry';
import { counterText, counterView } from '../policies/counter';
import { Batcher } from './batcher';

/** An order as its owner sees it, each item with the member's masked name. */
async function orderView(deps: Deps, o: OrderRecord) {
  const names = new Map((await membersOf(deps, o)).map((m) => [m.personId, maskName(m.name)]));
  return {
    orderNo: o.orderNo,
    householdId: o.householdId,
    policyId: o.policyId,
    status: o.status,
    total: formatYuan(o.total),
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    items: o.items.map((i) => ({ memberId: i.personId, name: names.get(i.personId) ?? '', due: formatYuan(i.due), coverageStart: i.coverageStart, coverageEnd: i.coverageEnd, status: i.status })),
  };
}

const refundView = <T extends { amount: number }>(r: T) => ({ ...r, amount: formatYuan(r.amount) });

type Handler<N extends FunctionName> = (deps: Deps, caller: Caller, event: FunctionEvent<N>) => Promise<Result<unknown>>;

const HANDLERS: { [N in FunctionName]: Handler<N> } = {
  onSale: async (deps) => {
    const today = shanghaiDateOf(deps.clock.now());
    const codes = [...new Set(allPolicies().map((p) => p.region.code))];
    const regions = codes.flatMap((code) => {
      const p = policyOnSale(code, today);
      return p ? [{ region: code, name: p.region.name, coverageYear: p.coverageYear, opens: p.collection.opens.value, closes: p.collection.closes.value, cite: p.collection.closes.cite }] : [];
    });
    // Regions selling a year whose local notice is not known: said, never priced.
    const pending = codes.flatMap((code) => {
      const y = policyOnSale(code, today) ? undefined : pendingYearOn(code, today);
      return y ? [{ region: code, name: y.region.name, coverageYear: y.coverageYear, counterOffice: y.counterOffice }] : [];
    });
    return { ok: true, data: { today, regions, pending } };
  },
  newbornWindow: async (deps, caller, e) => {
    if (!(await deps.storage.hasAccess(caller.openid, e.householdId))) return { ok: false, error: { code: 'NO_ACCESS', message: '请先用本户成员的姓名和证件号码查询' } };
    const household = (await deps.storage.household(e.householdId))!;
    const today = shanghaiDateOf(deps.clock.now());
    const policy = policyOnSale(household.region, today);
    if (!policy) return { ok: false, error: { code: 'NOT_ON_SALE', message: '本地区当前没有可缴费的参保年度' } };
    const notice = { id: policy.id, region: policy.region.name, coverageYear: policy.coverageYear };
    return { ok: true, data: { today, window: newbornWindow(policy, e.birthDate), counterOffice: counterText(policy), counter: counterView(policy), notice } };
  },
  lookupHousehold: (deps, caller, e) => lookupHousehold(deps, caller, e),
  // Read-only, so no transaction: createOrder recomputes every amount itself.
  quote: async (deps, caller, e) => {
    const loaded = await loadAndQuote(deps, deps.storage, caller, e.householdId, e.repairs);
    if (!loaded.ok) return loaded;
    const { policy, today, members, quote, household, birthYear } = loaded.data;
    const byId = new Map(members.map((m) => [m.personId, m]));
    const member = (m: MemberQuote) => {
      const { id, ...rest } = memberJson(m, quote.national);
      return { ...memberView(byId.get(id)!), ...rest };
    };
    return {
      ok: true,
      data: {
        householdId: e.householdId,
        policy: policy.id,
        region: policy.region.name,
        coverageYear: policy.coverageYear,
        today,
        totalDue: formatYuan(quote.totalDue),
        wholeHousehold: quote.wholeHousehold,
        payElsewhere: deps.payElsewhere[household.region] ?? null,
        members: quote.members.map(member),
        counter: counterView(policy),
        birthYear: birthYear && {
          policy: birthYear.policy.id,
          coverageYear: birthYear.policy.coverageYear,
          totalDue: formatYuan(birthYear.members.reduce((sum, m) => sum + m.due, 0)),
          members: birthYear.members.map(member),
        },
        reminder: reminderOffer(deps, loaded.data),
      },
    };
  },
  createOrder: async (deps, caller, e) => {
    const r = await createOrder(deps, caller, e);
    return r.ok ? { ok: true, data: { ...r.data, total: formatYuan(r.data.total) } } : r;
  },
  registerNewborn: (deps, caller, e) => registerNewborn(deps, caller, e),
  activateVoucher: (deps, caller, e) => activateVoucher(deps, caller, e),
  voucherStatus: (deps, caller, e) => voucherStatus(deps, caller, e),
  importRoster: (deps, caller, e) => {
    const what: ImportKind = e.kind === 'roster' ? { kind: 'roster' } : { kind: 'department', department: e.department };
    if (e.fileID !== undefined) return importFile(deps, caller, { what, fileID: e.fileID, ...(e.from ? { from: e.from } : {}) });
    return importCsv(deps, caller, { what, text: e.csv!, ...(e.firstLine ? { firstLine: e.firstLine } : {}) });
  },
  orderStatus: async (deps, caller, e) => {
    const r = await ownOrder(deps, caller, e.orderNo);
    return r.ok ? { ok: true, data: await orderView(deps, r.data) } : r;
  },
  myOrders: async (deps, caller) => ({ ok: true, data: await Promise.all((await deps.storage.ordersOf(caller.openid)).map((o) => orderView(deps, o))) }),
  certificate: (deps, caller, e) => certificate(deps, caller, e.orderNo),
  progress: (deps, caller, e) => progress(deps, caller, e),
  unpaidList: (deps, caller, e) => unpaidInUnit(deps, caller, e),
  refundCheck: async (deps, caller, e) => {
    const r = await refundCheck(deps, caller, e);
    return r.ok ? { ok: true, data: refundView(r.data) } : r;
  },
  requestRefund: async (deps, caller, e) => {
    const r = await requestRefund(deps, caller, e);
    return r.ok ? { ok: true, data: { ...refundView(r.data), reminderTemplateId: deps.messenger.templateId('refund') } } : r;
  },
  subscribeReminder: (deps, caller, e) => subscribeReminder(deps, caller, e),
  refundsToAttend: async (deps, caller) => {
    const r = await refundsToAttend(deps, caller);
    return r.ok ? { ok: true, data: r.data.map(refundView) } : r;
  },
  retryRefund: (deps, caller, e) => retryRefund(deps, caller, e),
  resolveNewbornClaim: (deps, caller, e) => resolveNewbornClaim(deps, caller, e),
  reviewRefund: (deps, caller, e) => reviewRefund(deps, caller, e),
  policyVersions: (deps, caller, e) => {
    if (e.action === 'draft') return draftPolicyVersion(deps, caller, e);
    if (e.action === 'approve') return approvePolicyVersion(deps, caller, e);
    if (e.action === 'publish') return publishPolicyVersion(deps, caller, e);
    if (e.action === 'template') return policyTemplate(deps, caller, e);
    if (e.action === 'preview') return previewView(deps, caller, e);
    return listPolicyVersions(deps, caller);
  },
};

/** The deadline reminder a household may ask for now: its template, deadline and the day it would go. */
function reminderOffer(deps: Deps, loaded: LoadedHousehold) {
  const templateId = deps.messenger.templateId('deadline');
  const deadline = templateId ? householdDeadline(loaded) : null;
  const sendOn = deadline && reminderDay(deadline.payBy, loaded.today);
  return templateId && deadline && sendOn ? { templateId, payBy: deadline.payBy, sendOn, newborn: deadline.newborn } : null;
}

/** A preview with its amounts in yuan, as every reply gives money. */
async function previewView(deps: Deps, caller: Caller, e: { policyId: string; version: number; after?: string }): Promise<Result<unknown>> {
  const r = await previewPolicyVersion(deps, caller, e);
  if (!r.ok) return r;
  const totals = (t: { personal: number; subsidies: Record<string, number> }) => ({ personal: formatYuan(t.personal), subsidies: Object.fromEntries(Object.entries(t.subsidies).map(([k, v]) => [k, formatYuan(v)])) });
  const side = (s: { outcome: string; due: number | null }) => ({ outcome: s.outcome, due: s.due === null ? null : formatYuan(s.due) });
  return ok({
    ...r.data,
    before: totals(r.data.before),
    after: totals(r.data.after),
    sample: r.data.sample.map((h) => ({ ref: h.ref, members: h.members.map((m) => ({ ...m, before: side(m.before), after: side(m.after) })) })),
    changes: r.data.changes.map((m) => ({ ...m, before: side(m.before), after: side(m.after) })),
  });
}

const failure = (code: string, message: string): Envelope => ({ ok: false, error: { code, message } });

export async function handle(name: string, event: unknown, caller: Caller, deps: Deps): Promise<Envelope> {
  if (!isFunctionName(name)) return failure('UNKNOWN_FUNCTION', `没有“${name}”这项服务`);
  if (!caller.openid) return failure('NO_CALLER', '无法识别调用者，请在微信中打开');
  const parsed = functionEvents[name].safeParse(event ?? {}, { reportInput: true }); // the input tells a missing field from a wrong type
  if (!parsed.success) return failure('INVALID_EVENT', describeIssue(parsed.error));
  try {
    await readPublished(deps);
    return await (HANDLERS[name] as Handler<typeof name>)(deps, caller, parsed.data as never);
  } catch (error) {
    console.error(`[${name}] internal error: ${(error as Error).message}`);
    return failure('INTERNAL', '系统繁忙，请稍后再试；如已支付，款项不会丢失');
  }
}

export type Settle = (notice: PaymentNotice) => Promise<Result<Settlement>>;

/** Settles callbacks that arrive together as one batch (one write per table): the local server's way (see Batcher). */
export function settleTogether(deps: Deps): Settle {
  const batch = new Batcher((notices: PaymentNotice[]) => settlePaidTogether(deps, notices));
  return (notice) => batch.add(notice);
}

/**
 * The payment-result callback: verified, settled idempotently, answered as WeChat Pay expects.
 * `settle` is settlePaid; the local server passes one that settles concurrent callbacks together.
 */
export async function handlePayNotify(
  headers: Record<string, string>,
  body: string,
  deps: Deps,
  settle: Settle = (notice) => settlePaid(deps, notice),
): Promise<{ status: number; body: { code: string; message?: string } }> {
  const notice = deps.gateway.verifyNotice(headers, body);
  if (!notice) return { status: 401, body: { code: 'FAIL', message: '签名验证失败' } };
  try {
    const settled = await settle(notice);
    if (!settled.ok) return { status: 400, body: { code: 'FAIL', message: settled.error.message } };
    return { status: 200, body: { code: 'SUCCESS' } };
  } catch (error) {
    console.error(`[payNotify] internal error: ${(error as Error).message}`);
    // Not acknowledged: WeChat Pay sends it again, and reconcile will ask in any case.
    return { status: 500, body: { code: 'FAIL', message: '处理失败，请重试' } };
  }
}

/** WeChat Pay's refund-result notification: verified, applied as the refund state machine allows. */
export async function handleRefundNotify(headers: Record<string, string>, body: string, deps: Deps): Promise<{ status: number; body: { code: string; message?: string } }> {
  const notice = deps.gateway.verifyRefundNotice(headers, body);
  if (!notice) return { status: 401, body: { code: 'FAIL', message: '签名验证失败' } };
  try {
    const settled = await settleRefund(deps, notice.outRefundNo, notice.outcome);
    if (!settled.ok) return { status: 400, body: { code: 'FAIL', message: settled.error.message } };
    return { status: 200, body: { code: 'SUCCESS' } };
  } catch (error) {
    console.error(`[refundNotify] internal error: ${(error as Error).message}`);
    return { status: 500, body: { code: 'FAIL', message: '处理失败，请重试' } };
  }
}

/** The official side's activation result: verified, recorded idempotently. */
export async function handleVoucherNotify(headers: Record<string, string>, body: string, deps: Deps): Promise<{ status: number; body: Envelope }> {
  try {
    const r = await recordVoucherResult(deps, headers, body);
    if (r.ok) return { status: 200, body: r };
    return { status: r.error.code === 'FORGED' ? 401 : 400, body: r };
  } catch (error) {
    console.error(`[voucherNotify] internal error: ${(error as Error).message}`);
    return { status: 500, body: failure('INTERNAL', '处理失败，请重试') };
  }
}
