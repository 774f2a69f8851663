/**
 * Refunds of a member's payment. A duplicate payment (two payers raced for one member) never
 * enrolled anyone and always goes back. Otherwise the rules decide (qixian §八 or the product
 * default), with the payment date, amount and benefit start of the order.
 */
import { shanghaiDateOf } from '../civil-date';
import { formatYuan } from '../money';
import type { OrderItem, OrderRecord } from '../ports';
import { decideRefund, type RefundAnswer } from '../rules/refund';
import type { RefundReason } from '../vocabulary';
import { findPolicy } from '../../policies/registry';
import type { Deps } from './deps';
import { ownOrder } from './orders';
import { fail, ok, type Caller, type Result } from './result';

export interface RefundQuestion {
  orderNo: string;
  memberId: string;
  reason: RefundReason;
}

function paidItem(order: OrderRecord, memberId: string): Result<OrderItem> {
  if (order.status !== 'paid' || order.paidAt === null) return fail('NOT_PAID', '订单尚未支付成功，无需退费');
  const item = order.items.find((i) => i.personId === memberId);
  if (!item) return fail('NOT_A_MEMBER', '这笔订单不包含该成员');
  if (item.status === 'refund_requested' || item.status === 'refunded') return fail('ALREADY_REQUESTED', '该成员的退费已经申请');
  return ok(item);
}

function answer(deps: Deps, order: OrderRecord, item: OrderItem, reason: RefundReason): RefundAnswer {
  if (item.status === 'duplicate') {
    return {
      eligible: true,
      amount: item.due,
      reason: `该成员已由另一笔缴费参保，本笔${formatYuan(item.due)}元属于重复缴费，全额退回。`,
      citations: ['qixian-2022 §八'],
      productDefault: order.policyId !== 'qixian-2022',
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

export async function refundCheck(deps: Deps, caller: Caller, q: RefundQuestion): Promise<Result<RefundAnswer>> {
  const found = await ownOrder(deps, caller, q.orderNo);
  if (!found.ok) return found;
  const item = paidItem(found.data, q.memberId);
  if (!item.ok) return item;
  return ok(answer(deps, found.data, item.data, q.reason));
}

export interface RefundReceipt extends RefundAnswer {
  refundNo: string;
  status: 'succeeded' | 'requested';
}

/** Moves the member's item and enrolment to refund states, then asks the gateway to pay it back. */
export async function requestRefund(deps: Deps, caller: Caller, q: RefundQuestion): Promise<Result<RefundReceipt>> {
  const at = deps.clock.now();
  const requested = await deps.storage.transaction(async (tx) => {
    const [order] = await tx.lockOrders([q.orderNo]);
    if (!order || order.openid !== caller.openid) return fail('ORDER_NOT_FOUND', '没有找到这笔订单');
    const item = paidItem(order, q.memberId);
    if (!item.ok) return item;
    const decision = answer(deps, order, item.data, q.reason);
    if (!decision.eligible) return fail('NOT_REFUNDABLE', decision.reason);
    const refundNo = deps.newId('RF');
    await tx.insertRefund({ refundNo, orderNo: order.orderNo, personId: q.memberId, amount: decision.amount, reason: q.reason, status: 'requested', requestedAt: at });
    await tx.setItemStatuses([{ orderNo: order.orderNo, personId: q.memberId, status: 'refund_requested' }]);
    if (item.data.status === 'enrolled') await tx.setEnrolmentStatus(q.memberId, order.policyId, 'refund_requested');
    await tx.audit({ at, openid: caller.openid, action: 'requestRefund', subject: order.orderNo, outcome: `${formatYuan(decision.amount)}元 ${q.reason}` });
    return ok({ decision, refundNo, order, wasEnrolled: item.data.status === 'enrolled' });
  });
  if (!requested.ok) return requested;
  const { decision, refundNo, order, wasEnrolled } = requested.data;
  if (decision.amount === 0) return ok({ ...decision, refundNo, status: 'succeeded' });
  const sent = await deps.gateway.refund({ orderNo: order.orderNo, refundNo, amount: decision.amount, total: order.total });
  if (!sent.accepted) return ok({ ...decision, refundNo, status: 'requested' });
  await deps.storage.transaction(async (tx) => {
    await tx.setRefundStatus(refundNo, 'succeeded');
    await tx.setItemStatuses([{ orderNo: order.orderNo, personId: q.memberId, status: 'refunded' }]);
    if (wasEnrolled) await tx.setEnrolmentStatus(q.memberId, order.policyId, 'refunded');
  });
  return ok({ ...decision, refundNo, status: 'succeeded' });
}
