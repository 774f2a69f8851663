/**
 * Refunds of a member's payment. A duplicate payment (two payers raced for one member) never
 * enrolled anyone and always goes back. Otherwise the rules decide (qixian §八 or the product
 * default), with the payment date, amount and benefit start of the order.
 * A refund moves only as src/core/refund-states.ts allows: the member's item and enrolment become
 * `refunded` only when WeChat Pay says the money is back (its answer, its notification, or
 * reconcile's query); a failed refund stays visible and may be asked for again.
 */
import { shanghaiDateOf } from '../civil-date';
import { maskName } from '../id-number';
import { formatYuan } from '../money';
import { refundNoOf, refundOutNo, type OrderItem, type OrderRecord, type RefundApplicant, type RefundOutcome, type RefundProof, type RefundRecord, type StorageTx, type UnitCountChange } from '../ports';
import { isProofFileID, PROOF_HINTS, PROOF_MAX_BYTES, PROOF_REQUIRED, PROOF_SNIFF_BYTES, proofType, type ProofType } from '../proof';
import { nextRefundState, REFUND_STATE_WORDS, type RefundEvent, type RefundState } from '../refund-states';
import { decideRefund, type RefundAnswer } from '../rules/refund';
import { APPLICANT_RELATIONS, BUREAU_REFUND_LABELS, REFUND_REASON_LABELS, type RefundReason } from '../vocabulary';
import { findPolicy } from '../../policies/registry';
import type { Deps } from './deps';
import { countProgress } from './progress';
import { ownOrder } from './orders';
import { wakeRefundReminder } from './reminders';
import { fail, ok, type Caller, type Result } from './result';

export interface RefundQuestion {
  orderNo: string;
  memberId: string;
  reason: RefundReason;
  /** Who asks, when not the insured person (required for a death refund). */
  applicant?: RefundApplicant | undefined;
  /** The fileID of an uploaded proof (required where PROOF_REQUIRED says). */
  proof?: string | undefined;
}

/** The member's item, if a refund may be asked for it now (a failed one may be asked for again). */
function refundableItem(order: OrderRecord, memberId: string, last: RefundRecord | undefined): Result<OrderItem> {
  if (order.status !== 'paid' || order.paidAt === null) return fail('NOT_PAID', '订单尚未支付成功，无需退费');
  const item = order.items.find((i) => i.personId === memberId);
  if (!item) return fail('NOT_A_MEMBER', '这笔订单不包含该成员');
  if (item.status === 'refunded') return fail('ALREADY_REFUNDED', '该成员的这笔缴费已经退回');
  if (item.status === 'refund_requested' && last?.status !== 'failed') return fail('ALREADY_REQUESTED', `该成员的退费已经申请：${REFUND_STATE_WORDS[last?.status ?? 'requested']}`);
  return ok(item);
}

function answer(deps: Deps, order: OrderRecord, item: OrderItem, reason: RefundReason): RefundAnswer {
  if (item.status === 'duplicate') {
    return {
      eligible: true,
      amount: item.due,
      reason: `该成员已由另一笔缴费参保，本笔${formatYuan(item.due)}元属于重复缴费，全额退回。`,
      // A duplicate the system itself detected: the region's own refund clause, or the national 经办规程.
      citations: [findPolicy(order.policyId)!.refund.cite],
      productDefault: findPolicy(order.policyId)!.refund.productDefault,
    };
  }
  return decideRefund(findPolicy(order.policyId)!, {
    requestedOn: shanghaiDateOf(deps.clock.now()),
    paidOn: shanghaiDateOf(order.paidAt!),
    paidAmount: item.due,
    coverageStart: item.coverageStart,
    reason,
  });
}

/** The notice of the order's year, so the page names its clauses by it (not by their code). */
export interface RefundNotice {
  id: string;
  region: string;
  coverageYear: number;
}

export async function refundCheck(deps: Deps, caller: Caller, q: RefundQuestion): Promise<Result<RefundAnswer & { notice: RefundNotice }>> {
  const found = await ownOrder(deps, caller, q.orderNo);
  if (!found.ok) return found;
  const last = (await deps.storage.refundsOf(q.orderNo)).filter((r) => r.personId === q.memberId).at(-1);
  const item = refundableItem(found.data, q.memberId, last);
  if (!item.ok) return item;
  const policy = findPolicy(found.data.policyId)!;
  return ok({ ...answer(deps, found.data, item.data, q.reason), notice: { id: policy.id, region: policy.region.name, coverageYear: policy.coverageYear } });
}

export interface RefundReceipt extends RefundAnswer {
  refundNo: string;
  status: RefundState;
  /** What the state means for the resident, in words. */
  statusText: string;
}

const EVENT_OF: Record<RefundOutcome['state'], RefundEvent> = { PROCESSING: 'gateway_accepted', SUCCESS: 'gateway_succeeded', FAILED: 'gateway_failed' };

/**
 * Applies WeChat Pay's word on a refund attempt (answer, notification or query) as the state
 * machine allows; a word on an older attempt, or one that changes nothing, is acknowledged as is.
 */
export async function settleRefund(deps: Deps, outRefundNo: string, outcome: RefundOutcome): Promise<Result<RefundRecord>> {
  const at = deps.clock.now();
  let payer: string | null = null;
  const settled = await deps.storage.transaction(async (tx): Promise<Result<RefundRecord>> => {
    payer = null;
    const refund = await tx.refund(refundNoOf(outRefundNo));
    if (!refund) return fail('REFUND_NOT_FOUND', '没有这笔退款');
    if (refundOutNo(refund) !== outRefundNo) return ok(refund);
    const next = nextRefundState(refund.status, EVENT_OF[outcome.state]);
    if (next === null || next === refund.status) return ok(refund);
    const failure = outcome.state === 'FAILED' ? outcome.message : null;
    await tx.updateRefund(refund.refundNo, { status: next, attempt: refund.attempt, failure });
    if (next === 'succeeded') {
      const [order] = await tx.ordersByNo([refund.orderNo]);
      await tx.setItemStatuses([{ orderNo: refund.orderNo, personId: refund.personId, status: 'refunded' }]);
      // The enrolment ends only if this order is the one that enrolled the member.
      const [enrolment] = order ? await tx.enrolmentsOf([refund.personId], order.policyId) : [];
      if (enrolment && enrolment.orderNo === refund.orderNo) await tx.setEnrolmentStatus(refund.personId, enrolment.policyId, 'refunded');
      payer = order?.openid ?? null;
    }
    await tx.audit({ at, openid: 'wechatpay', action: 'refundResult', subject: refund.refundNo, outcome: failure ? `${next}: ${failure}` : next });
    return ok({ ...refund, status: next, failure });
  });
  // The money is back: the payer's reminder of the outcome, if asked for, goes on the next run.
  if (settled.ok && payer) await wakeRefundReminder(deps, payer, settled.data.refundNo);
  return settled;
}

/** Sends an attempt to WeChat Pay and applies its answer; an unknown answer leaves it for reconcile. */
async function send(deps: Deps, refund: RefundRecord, total: number): Promise<RefundRecord> {
  let outcome: RefundOutcome;
  try {
    outcome = await deps.gateway.refund({ orderNo: refund.orderNo, outRefundNo: refundOutNo(refund), amount: refund.amount, total });
  } catch {
    return refund;
  }
  const settled = await settleRefund(deps, refundOutNo(refund), outcome);
  return settled.ok ? settled.data : refund;
}

/**
 * Records the refund (or a new attempt of a failed one) with the member's item and enrolment in
 * their refund states. A duplicate payment the system detected is sent to WeChat Pay at once; any
 * other request waits for an operator's review (reviewRefund) before money moves. Nothing is
 * marked refunded here unless it costs nothing (a 0.00 item) or WeChat Pay answers SUCCESS at once.
 */
export async function requestRefund(deps: Deps, caller: Caller, q: RefundQuestion): Promise<Result<RefundReceipt>> {
  // The insured person has died: a relative asks, and the bureau needs to know who, to call back.
  if (q.reason === 'death' && (!q.applicant || q.applicant.relation === 'self')) {
    return fail('APPLICANT_REQUIRED', '参保人死亡的退费由近亲属申请：请填写申请人与参保人的关系、申请人姓名和联系电话');
  }
  const proof = q.proof ? await checkedProof(deps, q.proof) : null;
  if (proof && !proof.ok) return proof;
  if (!proof && PROOF_REQUIRED.has(q.reason)) {
    return fail('PROOF_REQUIRED', `请上传证明材料：${PROOF_HINTS[q.reason]}。没有照片的，请到医保经办窗口办理`);
  }
  const at = deps.clock.now();
  let uncounted: UnitCountChange[] = [];
  const recorded = await deps.storage.transaction(async (tx) => {
    uncounted = [];
    const [order] = await tx.ordersByNo([q.orderNo]);
    if (!order || order.openid !== caller.openid) return fail('ORDER_NOT_FOUND', '没有找到这笔订单');
    const last = (await tx.refundsOf(order.orderNo)).filter((r) => r.personId === q.memberId).at(-1);
    const item = refundableItem(order, q.memberId, last);
    if (!item.ok) return item;
    const decision = answer(deps, order, item.data, q.reason);
    if (!decision.eligible) return fail('NOT_REFUNDABLE', decision.reason);
    let refund: RefundRecord;
    if (last?.status === 'failed') {
      refund = { ...last, status: nextRefundState('failed', 'retry')!, attempt: last.attempt + 1, failure: null };
      await tx.updateRefund(refund.refundNo, refund);
    } else {
      const status: RefundState = item.data.status === 'duplicate' ? 'requested' : 'review';
      refund = {
        refundNo: deps.newId('RF'), orderNo: order.orderNo, personId: q.memberId, amount: decision.amount, reason: q.reason, status, requestedAt: at, attempt: 1, failure: null,
        ...(q.applicant ? { applicant: q.applicant } : {}),
        ...(proof && status === 'review' ? { proof: proof.data } : {}),
      };
      uncounted = await recordRefund(tx, order, item.data, refund);
    }
    await tx.audit({ at, openid: caller.openid, action: 'requestRefund', subject: order.orderNo, outcome: `${formatYuan(decision.amount)}元 ${q.reason} 第${refund.attempt}次` });
    return ok({ decision, refund, total: order.total });
  });
  if (!recorded.ok) return recorded;
  await countProgress(deps, uncounted);
  const { decision, total } = recorded.data;
  const refund = recorded.data.refund.status === 'review' ? recorded.data.refund : await pay(deps, recorded.data.refund, total);
  return ok({ ...decision, refundNo: refund.refundNo, status: refund.status, statusText: statusText(refund) });
}

/** An uploaded proof as requestRefund takes it: in the proofs folder, there, small enough, and a photo or a PDF by its first bytes. */
async function checkedProof(deps: Deps, fileID: string): Promise<Result<RefundProof>> {
  if (!isProofFileID(fileID)) return fail('PROOF_NOT_FOUND', '没有找到上传的证明材料，请重新上传');
  const size = await deps.files.size(fileID);
  if (size === null) return fail('PROOF_NOT_FOUND', '没有找到上传的证明材料，请重新上传');
  const type = size <= PROOF_MAX_BYTES ? proofType(await deps.files.read(fileID, 0, PROOF_SNIFF_BYTES)) : null;
  if (type === null) {
    await deps.files.remove(fileID);
    return fail('NOT_A_PROOF', '证明材料只能是 10 MB 以内的照片（JPG、PNG）或 PDF 文件，请重新上传');
  }
  return ok({ fileID, type });
}

/**
 * A new refund with the member's item and enrolment in their refund states; what progress must stop
 * counting (applied after commit), when the item had enrolled the member.
 */
async function recordRefund(tx: StorageTx, order: OrderRecord, item: OrderItem, refund: RefundRecord): Promise<UnitCountChange[]> {
  await tx.insertRefund(refund);
  await tx.setItemStatuses([{ orderNo: order.orderNo, personId: item.personId, status: 'refund_requested' }]);
  if (item.status !== 'enrolled') return [];
  await tx.setEnrolmentStatus(item.personId, order.policyId, 'refund_requested');
  const unit = order.unit ?? (await tx.household(order.householdId))?.unit ?? '未知';
  return [{ policyId: order.policyId, unit, enrolled: -1 }];
}

/**
 * A registration an operator voided (a newborn claimed by two households, decided for the other):
 * each payment that enrolled it goes back to its payer at once, whatever the dates — the enrolment
 * was never valid, so no refund clause applies and no review is needed (the operator decided).
 * Returns the refunds made.
 */
export async function refundVoidedRegistration(deps: Deps, operator: Caller, personId: string, policyIds: readonly string[]): Promise<RefundRecord[]> {
  const enrolments = (await Promise.all(policyIds.map((id) => deps.storage.enrolmentsOf([personId], id)))).flat().filter((e) => e.status === 'enrolled');
  const made: RefundRecord[] = [];
  for (const enrolment of enrolments) {
    const at = deps.clock.now();
    let uncounted: UnitCountChange[] = [];
    const recorded = await deps.storage.transaction(async (tx) => {
      const [order] = await tx.ordersByNo([enrolment.orderNo]);
      const item = order?.items.find((i) => i.personId === personId && i.status === 'enrolled');
      if (!order || !item) return null;
      const refund: RefundRecord = { refundNo: deps.newId('RF'), orderNo: order.orderNo, personId, amount: item.due, reason: 'registration_voided', status: 'requested', requestedAt: at, attempt: 1, failure: null };
      uncounted = await recordRefund(tx, order, item, refund);
      await tx.audit({ at, openid: operator.openid, action: 'requestRefund', subject: order.orderNo, outcome: `${formatYuan(item.due)}元 registration_voided 第1次` });
      return { refund, total: order.total };
    });
    if (!recorded) continue;
    await countProgress(deps, uncounted);
    made.push(await pay(deps, recorded.refund, recorded.total));
  }
  return made;
}

/** Sends a refund on its way: a 0.00 one is done as soon as it is recorded, any other goes to WeChat Pay. */
async function pay(deps: Deps, refund: RefundRecord, total: number): Promise<RefundRecord> {
  if (refund.amount > 0) return send(deps, refund, total);
  const settled = await settleRefund(deps, refundOutNo(refund), { state: 'SUCCESS' });
  return settled.ok ? settled.data : refund;
}

/** The state in words, with the operator's reason when the request was rejected. */
const statusText = (r: RefundRecord) => (r.status === 'rejected' && r.failure ? `${REFUND_STATE_WORDS.rejected}。原因：${r.failure}` : REFUND_STATE_WORDS[r.status]);

/**
 * Operators: approves a request in review (then the money is sent) or rejects it with a reason the
 * resident reads; rejected, the member is enrolled again as before the request.
 */
export async function reviewRefund(deps: Deps, caller: Caller, input: { refundNo: string; approve: boolean; note?: string | undefined }): Promise<Result<{ refundNo: string; status: RefundState; statusText: string }>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以审核退款');
  const note = input.note?.trim() ?? '';
  if (!input.approve && !note) return fail('NOTE_REQUIRED', '不予退费时请写明原因，居民会看到');
  const at = deps.clock.now();
  let recounted: UnitCountChange[] = [];
  const decided = await deps.storage.transaction(async (tx) => {
    recounted = [];
    const refund = await tx.refund(input.refundNo);
    if (!refund) return fail('REFUND_NOT_FOUND', '没有这笔退款');
    const next = nextRefundState(refund.status, input.approve ? 'operator_approved' : 'operator_rejected');
    if (!next) return fail('NOT_IN_REVIEW', `这笔退款不在审核中：${REFUND_STATE_WORDS[refund.status]}`);
    const [order] = await tx.ordersByNo([refund.orderNo]);
    const decidedRefund: RefundRecord = { ...refund, status: next, failure: input.approve ? null : note };
    await tx.updateRefund(refund.refundNo, { status: decidedRefund.status, attempt: refund.attempt, failure: decidedRefund.failure });
    if (!input.approve && order) {
      await tx.setItemStatuses([{ orderNo: order.orderNo, personId: refund.personId, status: 'enrolled' }]);
      const [enrolment] = await tx.enrolmentsOf([refund.personId], order.policyId);
      if (enrolment && enrolment.orderNo === order.orderNo) {
        await tx.setEnrolmentStatus(refund.personId, order.policyId, 'enrolled');
        const unit = order.unit ?? (await tx.household(order.householdId))?.unit ?? '未知';
        recounted = [{ policyId: order.policyId, unit, enrolled: 1 }];
      }
    }
    await tx.audit({ at, openid: caller.openid, action: 'reviewRefund', subject: refund.refundNo, outcome: input.approve ? 'approved' : `rejected: ${note}` });
    return ok({ refund: decidedRefund, total: order?.total ?? refund.amount, payer: order?.openid ?? null });
  });
  if (!decided.ok) return decided;
  await countProgress(deps, recounted);
  await removeProof(deps, decided.data.refund);
  if (decided.data.refund.status === 'rejected' && decided.data.payer) await wakeRefundReminder(deps, decided.data.payer, decided.data.refund.refundNo);
  const refund = decided.data.refund.status === 'requested' ? await pay(deps, decided.data.refund, decided.data.total) : decided.data.refund;
  return ok({ refundNo: refund.refundNo, status: refund.status, statusText: statusText(refund) });
}

/** A refund as an operator sees it: who (masked), how much, where it stands and why. */
export interface RefundToAttend {
  refundNo: string;
  orderNo: string;
  memberName: string;
  /** Why the resident asks (死亡, 参加职工医保…): what the operator checks before approving. */
  reason: string;
  amount: number;
  status: RefundState;
  statusText: string;
  failure: string | null;
  attempt: number;
  requestedAt: number;
  /** Who asked, when not the insured person: "子女 张* 13800000000" (the phone in full: the operator calls back). */
  applicant: string | null;
  /** The uploaded proof of a request in review, by a link valid PROOF_LINK_SECONDS (url null: the file is gone). */
  proof: { url: string | null; type: ProofType } | null;
}

const PROOF_LINK_SECONDS = 600;

/** A refund unfinished for this long is shown to operators beside the failed ones. */
const STUCK_MS = 24 * 60 * 60 * 1000;

/**
 * A proof is needed only until the request is decided: deleted then. A failure here leaves it to
 * the retention sweep (a lifecycle rule on CloudBase) and is logged without the file's name.
 */
async function removeProof(deps: Deps, refund: RefundRecord): Promise<void> {
  if (!refund.proof) return;
  try {
    await deps.files.remove(refund.proof.fileID);
  } catch (error) {
    console.error(`[reviewRefund] ${refund.refundNo}: the proof was not deleted: ${(error as Error).message}`);
  }
}

/** Operators: every refund that needs someone — to review, failed, or not finished after a day. */
export async function refundsToAttend(deps: Deps, caller: Caller): Promise<Result<RefundToAttend[]>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以查看退款');
  const refunds = [...(await deps.storage.refundsForOperators()), ...(await deps.storage.unsettledRefunds(deps.clock.now() - STUCK_MS))];
  const names = new Map((await deps.storage.personsById(refunds.map((r) => r.personId))).map((p) => [p.personId, maskName(p.name)]));
  const proofs = await Promise.all(refunds.map(async (r) => (r.proof && r.status === 'review' ? { url: await deps.files.link(r.proof.fileID, PROOF_LINK_SECONDS), type: r.proof.type } : null)));
  return ok(
    refunds.map((r, i) => ({
      refundNo: r.refundNo, orderNo: r.orderNo, memberName: names.get(r.personId) ?? '', reason: REFUND_REASON_LABELS[r.reason as RefundReason] ?? BUREAU_REFUND_LABELS[r.reason] ?? r.reason, amount: r.amount,
      status: r.status, statusText: statusText(r), failure: r.failure, attempt: r.attempt, requestedAt: r.requestedAt,
      applicant: r.applicant ? `${APPLICANT_RELATIONS[r.applicant.relation]} ${maskName(r.applicant.name)} ${r.applicant.phone}` : null,
      proof: proofs[i]!,
    })),
  );
}

/** Operators: asks WeChat Pay again for a failed refund (a new attempt), on the resident's behalf. */
export async function retryRefund(deps: Deps, caller: Caller, input: { refundNo: string }): Promise<Result<{ refundNo: string; status: RefundState; statusText: string }>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以重新发起退款');
  const at = deps.clock.now();
  const retried = await deps.storage.transaction(async (tx) => {
    const refund = await tx.refund(input.refundNo);
    if (!refund) return fail('REFUND_NOT_FOUND', '没有这笔退款');
    const next = nextRefundState(refund.status, 'retry');
    if (!next) return fail('NOT_FAILED', `这笔退款不需要重新发起：${REFUND_STATE_WORDS[refund.status]}`);
    const again = { ...refund, status: next, attempt: refund.attempt + 1, failure: null };
    await tx.updateRefund(refund.refundNo, again);
    await tx.audit({ at, openid: caller.openid, action: 'retryRefund', subject: refund.orderNo, outcome: `第${again.attempt}次` });
    const [order] = await tx.ordersByNo([refund.orderNo]);
    return ok({ refund: again, total: order?.total ?? refund.amount });
  });
  if (!retried.ok) return retried;
  const after = await send(deps, retried.data.refund, retried.data.total);
  return ok({ refundNo: after.refundNo, status: after.status, statusText: REFUND_STATE_WORDS[after.status] });
}

/**
 * Reconcile's part for duplicates: a payment for a member another order had already enrolled goes
 * back without the payer having to ask — the refund is requested on the payer's behalf (no review:
 * the system itself detected it). Each on its own; a failure is reported and tried next run.
 */
export async function refundDetectedDuplicates(deps: Deps): Promise<{ refunded: number; failed: Array<{ orderNo: string; message: string }> }> {
  const report = { refunded: 0, failed: [] as Array<{ orderNo: string; message: string }> };
  for (const order of await deps.storage.ordersWithDuplicates()) {
    for (const item of order.items.filter((i) => i.status === 'duplicate')) {
      try {
        const r = await requestRefund(deps, { openid: order.openid }, { orderNo: order.orderNo, memberId: item.personId, reason: 'duplicate' });
        if (r.ok) report.refunded++;
        else report.failed.push({ orderNo: order.orderNo, message: r.error.message });
      } catch (error) {
        report.failed.push({ orderNo: order.orderNo, message: (error as Error).message });
      }
    }
  }
  return report;
}

/** Asks WeChat Pay about an attempt in progress and applies the answer. */
async function query(deps: Deps, refund: RefundRecord): Promise<RefundRecord> {
  const outcome = await deps.gateway.queryRefund(refundOutNo(refund));
  if (!outcome) return refund;
  const settled = await settleRefund(deps, refundOutNo(refund), outcome);
  return settled.ok ? settled.data : refund;
}

/**
 * Reconcile's part for refunds: an attempt whose answer never came is sent again (the same
 * out_refund_no, so WeChat Pay does not pay twice); one in progress is asked about. Each on its
 * own: a failure is reported and the refund is tried on the next run.
 */
export async function reconcileRefunds(deps: Deps, olderThanMs: number): Promise<{ checked: number; settled: number; failed: Array<{ refundNo: string; message: string }> }> {
  const waiting = await deps.storage.unsettledRefunds(deps.clock.now() - olderThanMs);
  const report = { checked: waiting.length, settled: 0, failed: [] as Array<{ refundNo: string; message: string }> };
  for (const refund of waiting) {
    try {
      const total = (await deps.storage.order(refund.orderNo))?.total ?? refund.amount;
      const after = refund.status === 'requested' ? await send(deps, refund, total) : await query(deps, refund);
      if (after.status !== refund.status) report.settled++;
    } catch (error) {
      report.failed.push({ refundNo: refund.refundNo, message: (error as Error).message });
    }
  }
  return report;
}
