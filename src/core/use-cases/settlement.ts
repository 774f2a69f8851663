/**
 * Settling payments. A verified payment-result notice marks its order paid and enrols each member
 * exactly once, atomically. Notices are idempotent by order number: a repeated or late notice
 * changes nothing. When two orders paid for the same member, the second finds the enrolment taken
 * (a database constraint) and marks that member's item a refundable duplicate. Orders whose
 * notice never came are settled by asking the gateway (reconcile).
 */
import { formatYuan } from '../money';
import type { PaymentNotice } from '../ports';
import type { Deps } from './deps';
import { fail, ok, type Result } from './result';

export interface Settlement {
  orderNo: string;
  status: 'paid' | 'closed' | 'unchanged';
  enrolled: string[];
  duplicates: string[];
}

export async function settlePaid(deps: Deps, notice: PaymentNotice): Promise<Result<Settlement>> {
  return deps.storage.transaction(async (tx) => {
    const order = await tx.lockOrder(notice.orderNo);
    const at = deps.clock.now();
    if (!order) return fail('ORDER_NOT_FOUND', '没有这笔订单');
    if (order.status === 'paid') return ok({ orderNo: order.orderNo, status: 'unchanged', enrolled: [], duplicates: [] });
    if (notice.state !== 'SUCCESS') {
      if (notice.state === 'CLOSED' && order.status === 'created') {
        await tx.markOrderClosed(order.orderNo);
        return ok({ orderNo: order.orderNo, status: 'closed', enrolled: [], duplicates: [] });
      }
      return ok({ orderNo: order.orderNo, status: 'unchanged', enrolled: [], duplicates: [] });
    }
    if (notice.amount !== order.total) {
      await tx.audit({ at, openid: order.openid, action: 'payNotify', subject: order.orderNo, outcome: `amount mismatch ${formatYuan(notice.amount)}` });
      return fail('AMOUNT_MISMATCH', '支付金额与订单金额不符');
    }
    // A payment that arrives after the order was closed still happened: it is taken, never lost.
    await tx.markOrderPaid(order.orderNo, notice.transactionId, notice.paidAt);
    const enrolled: string[] = [];
    const duplicates: string[] = [];
    for (const item of order.items) {
      const inserted = await tx.insertEnrolment({
        personId: item.personId,
        policyId: order.policyId,
        orderNo: order.orderNo,
        coverageStart: item.coverageStart,
        coverageEnd: item.coverageEnd,
        paidAmount: item.due,
        status: 'enrolled',
      });
      await tx.setItemStatus(order.orderNo, item.personId, inserted ? 'enrolled' : 'duplicate');
      (inserted ? enrolled : duplicates).push(item.personId);
    }
    await tx.audit({ at, openid: order.openid, action: 'payNotify', subject: order.orderNo, outcome: `paid, ${enrolled.length} enrolled, ${duplicates.length} duplicate` });
    return ok({ orderNo: order.orderNo, status: 'paid', enrolled, duplicates });
  });
}

/** How long an unpaid order stays open before reconcile closes it (WeChat Pay's default expiry). */
export const ORDER_EXPIRY_MS = 2 * 60 * 60 * 1000;

/** Settles orders whose notice never came, by the gateway's own word; closes the expired ones. */
export async function reconcile(deps: Deps, olderThanMs = 60_000): Promise<{ checked: number; paid: number; closed: number }> {
  const now = deps.clock.now();
  const open = await deps.storage.unsettledOrders(now - olderThanMs);
  let paid = 0;
  let closed = 0;
  for (const order of open) {
    const notice = await deps.gateway.queryPayment(order.orderNo);
    if (notice?.state === 'SUCCESS') {
      const r = await settlePaid(deps, notice);
      if (r.ok && r.data.status === 'paid') paid++;
    } else if (now - order.createdAt > ORDER_EXPIRY_MS) {
      await settlePaid(deps, { orderNo: order.orderNo, transactionId: '', amount: order.total, state: 'CLOSED', paidAt: now });
      closed++;
    }
  }
  return { checked: open.length, paid, closed };
}
