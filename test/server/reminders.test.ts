/**
 * Reminders by WeChat subscription message, on both backends: on CloudBase through the real
 * node-sdk's callWxOpenApi (wx.api) to the emulator, locally into the sandbox outbox. A reminder
 * goes on its day only if it still has something to say; a refund's goes once it is decided.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../src/core/use-cases/reminders';
import type { HouseholdSeed } from '../../src/server/seed';
import { idNumber } from '../support/people';
import { backend, DINGTAO_FAMILY, type Backend } from './harness';

const ALICE = 'o-alice-openid';
const BOB = 'o-bob-openid';
const REVIEWER = 'o-refund-reviewer';
const HOUSEHOLD = DINGTAO_FAMILY.householdId;
/** The demo county's newborn household (DEMO_REGION.md §Newborns). */
const ZHENG: HouseholdSeed = {
  householdId: 'SF-0011',
  region: 'demo',
  unit: '示范镇东村',
  members: [
    { idNumber: idNumber('110101', '1990-04-12', '071'), name: '郑立', enrolledYears: [2024, 2025, 2026] },
    { idNumber: idNumber('110101', '2026-11-10', '082'), name: '郑满', enrolledYears: [] },
  ],
};

let b: Backend;
afterEach(async () => b?.close());

async function start(day: string) {
  b = await backend(`${day}T09:30:00`, [DINGTAO_FAMILY]);
  const [first] = DINGTAO_FAMILY.members;
  await b.call(ALICE, 'lookupHousehold', { name: first!.name, idNumber: first!.idNumber });
}

const run = () => sendDueReminders(b.deps);

async function payAll() {
  const q = await b.call(ALICE, 'quote', { householdId: HOUSEHOLD });
  const order = await b.call(ALICE, 'createOrder', { householdId: HOUSEHOLD, memberIds: q.data.members.map((m: any) => m.memberId) });
  const before = b.delivered.length;
  b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
  await b.deliveries(before + b.sandbox.scenario.deliveries);
  return order.data.orderNo as string;
}

describe('the payment deadline (dingtao-2024 §三(二): the period closes 2023-12-31)', () => {
  it('is offered with the quote, goes three days before, names who has still to pay, and goes once', async () => {
    await start('2023-12-20');
    const q = await b.call(ALICE, 'quote', { householdId: HOUSEHOLD });
    expect(q.data.reminder).toEqual({ templateId: 'sandbox-deadline', payBy: '2023-12-31', sendOn: '2023-12-28', newborn: false });
    expect((await b.call(BOB, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD })).error.code).toBe('NO_ACCESS');
    expect((await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD })).data).toEqual({ kind: 'deadline', sendOn: '2023-12-28', payBy: '2023-12-31' });

    b.clock.setShanghai('2023-12-27T23:00:00');
    expect(await run()).toMatchObject({ sent: 0 });
    b.clock.setShanghai('2023-12-28T08:00:00');
    expect(await run()).toMatchObject({ sent: 1, skipped: 0, failed: [] });
    expect(b.outbox()).toEqual([
      {
        openid: ALICE,
        templateId: 'sandbox-deadline',
        page: `packages/pay/household/index?householdId=${HOUSEHOLD}`,
        data: { item: '2024年度居民医保缴费（2人）', payBy: '2023年12月31日', note: '请在截止日前缴费，逾期按当地规定办理' },
      },
    ]);
    expect(await run()).toMatchObject({ sent: 0 });
    expect(b.outbox()).toHaveLength(1);
  });

  it('says nothing to a household that paid meanwhile; none is offered on the last day or with nothing to pay', async () => {
    await start('2023-12-20');
    await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD });
    await payAll();
    expect((await b.call(ALICE, 'quote', { householdId: HOUSEHOLD })).data.reminder).toBeNull();
    expect((await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD })).error.code).toBe('NO_DEADLINE');
    b.clock.setShanghai('2023-12-28T08:00:00');
    expect(await run()).toMatchObject({ sent: 0, skipped: 1 });
    expect(b.outbox()).toEqual([]);
  });

  it('stops when the run is out of time; the rest go on the next run', async () => {
    await start('2023-12-20');
    const [first] = DINGTAO_FAMILY.members;
    await b.call(BOB, 'lookupHousehold', { name: first!.name, idNumber: first!.idNumber });
    await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD });
    await b.call(BOB, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD });
    b.clock.setShanghai('2023-12-28T08:00:00');
    let asked = 0;
    expect(await sendDueReminders(b.deps, () => asked++ >= 1)).toMatchObject({ sent: 1 });
    expect(await run()).toMatchObject({ sent: 1 });
    expect(b.outbox().map((m) => m.openid).sort()).toEqual([ALICE, BOB].sort());
  });

  it('on the last day itself: pay today, no reminder', async () => {
    await start('2023-12-31');
    expect((await b.call(ALICE, 'quote', { householdId: HOUSEHOLD })).data.reminder).toBeNull();
    expect((await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD })).error).toMatchObject({ code: 'DEADLINE_TODAY', message: '今天就是缴费截止日，请今天缴费' });
  });
});

describe("a newborn's own deadline (demo: born 2026-11-10, its birth year 2026 sold until it ends)", () => {
  it('comes before the period closes, and says what is lost', async () => {
    b = await backend('2026-12-02T10:00:00', [ZHENG]);
    await b.call(ALICE, 'lookupHousehold', { name: '郑立', idNumber: ZHENG.members[0]!.idNumber });
    expect((await b.call(ALICE, 'quote', { householdId: 'SF-0011' })).data.reminder).toEqual({ templateId: 'sandbox-deadline', payBy: '2026-12-31', sendOn: '2026-12-28', newborn: true });
    await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: 'SF-0011' });
    b.clock.setShanghai('2026-12-28T08:00:00');
    expect(await run()).toMatchObject({ sent: 1 });
    expect(b.outbox()[0]!.data).toEqual({ item: '郑*新生儿参保缴费', payBy: '2026年12月31日', note: '逾期缴费，出生以来的医疗费用不能报销' });
  });
});

describe("a refund's outcome", () => {
  it('goes once the bureau decides: rejected with its reason, or the money back', async () => {
    await start('2023-10-10');
    const orderNo = await payAll();
    await b.addOperator(REVIEWER);
    const asked = await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'joined_employee' });
    expect(asked.data.reminderTemplateId).toBe('sandbox-refund');
    expect((await b.call(BOB, 'subscribeReminder', { kind: 'refund', refundNo: asked.data.refundNo })).error.code).toBe('REFUND_NOT_FOUND');
    expect((await b.call(ALICE, 'subscribeReminder', { kind: 'refund', refundNo: asked.data.refundNo })).data).toEqual({ kind: 'refund', sendOn: null, payBy: null });
    // Undecided: nothing goes, however often reconcile runs, day after day (it is looked at daily).
    expect(await run()).toMatchObject({ sent: 0, skipped: 0 });
    b.clock.setShanghai('2023-10-11T09:30:00');
    expect(await run()).toMatchObject({ sent: 0, skipped: 0, failed: [] });
    b.clock.setShanghai('2023-10-12T09:30:00');
    expect(await run()).toMatchObject({ sent: 0, skipped: 0, failed: [] });
    await b.call(REVIEWER, 'reviewRefund', { refundNo: asked.data.refundNo, approve: false, note: '尚未办理职工医保参保' });
    expect(await run()).toMatchObject({ sent: 1 });
    expect(b.outbox()[0]).toMatchObject({ openid: ALICE, templateId: 'sandbox-refund', page: 'packages/records/index', data: { item: '赵*海居民医保退费', amount: '380.00元', status: '不予退费', note: '尚未办理职工医保参保' } });

    const again = await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-2', reason: 'joined_employee' });
    await b.call(ALICE, 'subscribeReminder', { kind: 'refund', refundNo: again.data.refundNo });
    await b.call(REVIEWER, 'reviewRefund', { refundNo: again.data.refundNo, approve: true });
    await b.refundNoticesDelivered(1);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(b.outbox()[1]).toMatchObject({ data: { item: '钱*红居民医保退费', amount: '380.00元', status: '退费成功', note: '已原路退回支付账户' } });
  });
});

describe('WeChat refusing a message (on CloudBase the open API answers an errcode)', () => {
  it('43101 (no consent left): refused for good, with the reason, never sent again', async () => {
    await start('2023-12-20');
    await b.call(ALICE, 'subscribeReminder', { kind: 'deadline', householdId: HOUSEHOLD });
    b.refuseNextMessage(43101);
    b.clock.setShanghai('2023-12-28T08:00:00');
    expect(await run()).toMatchObject({ sent: 0, refused: 1 });
    expect(await run()).toMatchObject({ sent: 0, refused: 0 });
    expect(b.outbox()).toEqual([]);
  });
});
