/**
 * Settling payments. A verified payment-result notice marks its order paid and enrols each member
 * exactly once. Notices are idempotent by order number: a repeated or late notice changes nothing.
 * When two orders paid for the same member, the second finds the enrolment held by the first and
 * marks that member's item a refundable duplicate. Orders whose notice never came are settled by
 * asking the gateway (reconcile).
 *
 * No transaction: each write is atomic and safe to repeat (see Storage.claimEnrolments), in an
 * order that never loses money — enrolments first, then the paid mark, which only one settlement
 * of an order can make. Cut short in between, the order stays open with its members enrolled;
 * WeChat Pay's repeated notice or the next reconcile settles it, finding the same enrolments.
 */
import { formatYuan } from '../money';
import type { AuditEntry, OrderRecord, PaymentNotice, UnitCountChange } from '../ports';
import type { Deps } from './deps';
import { countProgress } from './progress';
import { reconcileRefunds, refundDetectedDuplicates } from './refunds';
import { sendDueReminders, type ReminderReport } from './reminders';
import { fail, ok, type Result } from './result';

export interface Settlement {
  orderNo: string;
  status: 'paid' | 'closed' | 'unchanged';
  enrolled: string[];
  duplicates: string[];
}

export async function settlePaid(deps: Deps, notice: PaymentNotice): Promise<Result<Settlement>> {
  return (await settlePaidTogether(deps, [notice]))[0]!;
}

const unchanged = (orderNo: string): Result<Settlement> => ok({ orderNo, status: 'unchanged', enrolled: [], duplicates: [] });

/**
 * Settles notices together, each as if alone and in the order given: the local server hands it
 * the callbacks that arrive together (one write per table for all of them); a cloud function, its
 * one notice. A repeated notice in the same batch finds its order already paid.
 */
export async function settlePaidTogether(deps: Deps, notices: PaymentNotice[]): Promise<Result<Settlement>[]> {
  const { storage } = deps;
  const at = deps.clock.now();
  const orders = new Map((await storage.ordersByNo([...new Set(notices.map((n) => n.orderNo))])).map((o) => [o.orderNo, o]));
  const status = new Map([...orders.values()].map((o) => [o.orderNo, o.status]));
  const results: Result<Settlement>[] = [];
  const audits: AuditEntry[] = [];
  const paying: { order: OrderRecord; notice: PaymentNotice; index: number }[] = [];
  for (const notice of notices) {
    const order = orders.get(notice.orderNo);
    if (!order) {
      results.push(fail('ORDER_NOT_FOUND', '没有这笔订单'));
    } else if (status.get(order.orderNo) === 'paid') {
      results.push(unchanged(order.orderNo));
    } else if (notice.state !== 'SUCCESS') {
      if (notice.state === 'CLOSED' && status.get(order.orderNo) === 'created' && (await storage.markOrderClosed(order.orderNo))) {
        status.set(order.orderNo, 'closed');
        results.push(ok({ orderNo: order.orderNo, status: 'closed', enrolled: [], duplicates: [] }));
      } else results.push(unchanged(order.orderNo));
    } else if (notice.amount !== order.total) {
      audits.push({ at, openid: order.openid, action: 'payNotify', subject: order.orderNo, outcome: `amount mismatch ${formatYuan(notice.amount)}` });
      results.push(fail('AMOUNT_MISMATCH', '支付金额与订单金额不符'));
    } else {
      // A payment that arrives after the order was closed still happened: it is taken, never lost.
      status.set(order.orderNo, 'paid');
      paying.push({ order, notice, index: results.length });
      results.push(unchanged(order.orderNo));
    }
  }
  let counted: UnitCountChange[] = [];
  if (paying.length > 0) {
    const held = await storage.claimEnrolments(
      paying.flatMap(({ order }) =>
        order.items.map((item) => ({ personId: item.personId, policyId: order.policyId, orderNo: order.orderNo, coverageStart: item.coverageStart, coverageEnd: item.coverageEnd, paidAmount: item.due, status: 'enrolled' as const })),
      ),
    );
    // Each member enrolled once: the item of an order that finds the member held by another is a duplicate.
    const holder = new Map(held.map((e) => [`${e.personId} ${e.policyId}`, e.orderNo]));
    const outcomes = new Map(
      paying.map(({ order }) => [order.orderNo, order.items.map((i) => ({ personId: i.personId, status: holder.get(`${i.personId} ${order.policyId}`) === order.orderNo ? ('enrolled' as const) : ('duplicate' as const) }))]),
    );
    const moved = new Set(
      await storage.markOrdersPaid(paying.map(({ order, notice }) => ({ orderNo: order.orderNo, transactionId: notice.transactionId, paidAt: notice.paidAt, items: outcomes.get(order.orderNo)! }))),
    );
    // Only the settlement that moved an order counts it and writes its audit line; another one of
    // the same order running at the same time found the same enrolments and answers "unchanged".
    const settled = paying.filter(({ order }) => moved.has(order.orderNo));
    counted = await enrolledPerUnit(deps, settled.map(({ order }) => ({ order, enrolled: outcomes.get(order.orderNo)!.filter((o) => o.status === 'enrolled').length })));
    for (const { order, index } of settled) {
      const mine = outcomes.get(order.orderNo)!;
      const enrolled = mine.filter((c) => c.status === 'enrolled').map((c) => c.personId);
      const duplicates = mine.filter((c) => c.status === 'duplicate').map((c) => c.personId);
      audits.push({ at, openid: order.openid, action: 'payNotify', subject: order.orderNo, outcome: `paid, ${enrolled.length} enrolled, ${duplicates.length} duplicate` });
      results[index] = ok({ orderNo: order.orderNo, status: 'paid', enrolled, duplicates });
    }
  }
  // Together, after the paid mark: the order itself records what was paid and who was enrolled.
  await Promise.all([countProgress(deps, counted), audits.length > 0 ? storage.audit(...audits) : undefined]);
  return results;
}

/** The progress counters' change for orders just settled: each member enrolled counts in the order's unit. */
async function enrolledPerUnit(deps: Deps, settled: { order: OrderRecord; enrolled: number }[]): Promise<UnitCountChange[]> {
  const changes: UnitCountChange[] = [];
  for (const { order, enrolled } of settled) {
    if (enrolled === 0) continue;
    // Orders made before units were kept on them: the household's unit now.
    const unit = order.unit ?? (await deps.storage.household(order.householdId))?.unit ?? '未知';
    changes.push({ policyId: order.policyId, unit, enrolled });
  }
  return changes;
}

/** How long an unpaid order stays open before reconcile closes it (WeChat Pay's default expiry). */
export const ORDER_EXPIRY_MS = 2 * 60 * 60 * 1000;

/** Time a run keeps in hand for the orders in flight and the refunds: none is started later. */
export const RECONCILE_RESERVE_MS = 15_000;

/** Gateway queries reconcile keeps in flight at once: fast enough for 500 open orders, gentle on the API. */
const RECONCILE_PARALLEL = 8;

export interface ReconcileReport {
  checked: number;
  paid: number;
  closed: number;
  /** Orders whose query or settlement failed this run (the caller logs them); they stay open and are tried next run. */
  failed: Array<{ orderNo: string; message: string }>;
  /** Orders not looked at because the run's time ran short: the next run starts with them (oldest first). */
  leftForNextRun: number;
  /** Duplicate payments sent back on the payer's behalf this run, and those that failed. */
  duplicates: Awaited<ReturnType<typeof refundDetectedDuplicates>>;
  /** Refunds WeChat Pay had not finished: how many were looked at, how many moved, which failed. */
  refunds: Awaited<ReturnType<typeof reconcileRefunds>>;
  /** Reminders whose day had come: sent, skipped (nothing to say), refused by WeChat, failed (tried next run). */
  reminders: ReminderReport;
}

/**
 * Ends an unpaid order now: settled if WeChat Pay says it was paid after all, else closed there
 * first (after which no payment can arrive for it) and then here.
 */
export async function endOpenOrder(deps: Deps, order: OrderRecord): Promise<void> {
  const notice = await deps.gateway.queryPayment(order.orderNo);
  if (notice?.state === 'SUCCESS') {
    await settlePaid(deps, notice);
    return;
  }
  await closeOpenOrder(deps, order);
}

/**
 * Closes an order WeChat Pay has not been paid for: there first (after which no payment can arrive
 * for it; one that does anyway is taken, see settlePaidTogether), then here.
 */
export async function closeOpenOrder(deps: Deps, order: OrderRecord): Promise<void> {
  await deps.gateway.closePayment(order.orderNo);
  await settlePaid(deps, { orderNo: order.orderNo, transactionId: '', amount: order.total, state: 'CLOSED', paidAt: deps.clock.now() });
}

/**
 * Settles orders whose notice never came, by the gateway's own word; closes the expired ones.
 * A safety net must not tear: each order is handled on its own, so one failing query never stops
 * the run, and a few go at a time. `timeLeftMs`: how long the run may still take (a cloud
 * function's timeout); no new order is started once less than RECONCILE_RESERVE_MS remains, so the
 * run ends inside its timeout and the next one continues with what is left.
 */
export async function reconcile(deps: Deps, olderThanMs = 60_000, timeLeftMs: () => number = () => Infinity): Promise<ReconcileReport> {
  const now = deps.clock.now();
  const open = await deps.storage.unsettledOrders(now - olderThanMs);
  const report: Omit<ReconcileReport, 'refunds' | 'duplicates' | 'reminders'> = { checked: 0, paid: 0, closed: 0, failed: [], leftForNextRun: 0 };
  const one = async (order: (typeof open)[number]) => {
    const notice = await deps.gateway.queryPayment(order.orderNo);
    if (notice?.state === 'SUCCESS') {
      const r = await settlePaid(deps, notice);
      if (r.ok && r.data.status === 'paid') report.paid++;
    } else if (now - order.createdAt > ORDER_EXPIRY_MS) {
      await closeOpenOrder(deps, order);
      report.closed++;
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < open.length) {
      if (timeLeftMs() < RECONCILE_RESERVE_MS) return;
      const order = open[next++]!;
      report.checked++;
      try {
        await one(order);
      } catch (error) {
        report.failed.push({ orderNo: order.orderNo, message: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(RECONCILE_PARALLEL, open.length) }, worker));
  report.leftForNextRun = open.length - next;
  // Refunds only with time to spare; otherwise the next run has them. Detected duplicates first:
  // their refunds are then among those the next runs follow.
  const spare = timeLeftMs() >= RECONCILE_RESERVE_MS;
  const duplicates = spare ? await refundDetectedDuplicates(deps) : { refunded: 0, failed: [] };
  const refunds = spare ? await reconcileRefunds(deps, olderThanMs) : { checked: 0, settled: 0, failed: [] };
  const outOfTime = () => timeLeftMs() < RECONCILE_RESERVE_MS;
  const reminders = outOfTime() ? { sent: 0, skipped: 0, refused: 0, failed: [] } : await sendDueReminders(deps, outOfTime);
  return { ...report, duplicates, refunds, reminders };
}
