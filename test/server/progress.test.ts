/** progress: collection against the notice's targets (qixian-2022 附件2, §九), operators only. */
import { afterEach, describe, expect, it } from 'vitest';
import { idNumber } from '../support/people';
import { backend, QIXIAN_FAMILY, type Backend } from './harness';

let b: Backend;
afterEach(async () => b?.close());

const OUTSIDE = { householdId: 'QX-9', region: 'qixian', unit: '外来片区', members: [{ idNumber: idNumber('341302', '1990-01-01', '091'), name: '钱多' }] };
/** On the roster of a unit the notice lists, nobody paid yet: the unit shows its roster beside 0 enrolled. */
const QIUYUAN = { householdId: 'QX-8', region: 'qixian', unit: '邱元村', members: [{ idNumber: idNumber('341302', '1991-01-01', '081'), name: '邱一' }, { idNumber: idNumber('341302', '1992-01-01', '082'), name: '邱二' }] };

async function pay(openid: string, household: typeof QIXIAN_FAMILY) {
  const m = household.members[0]!;
  await b.call(openid, 'lookupHousehold', { name: m.name, idNumber: m.idNumber });
  const q = await b.call(openid, 'quote', { householdId: household.householdId });
  const memberIds = q.data.members.filter((x: any) => x.outcome === 'pay').map((x: any) => x.memberId);
  const order = await b.call(openid, 'createOrder', { householdId: household.householdId, memberIds });
  if (order.data.payParams) b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
}

describe('progress (qixian-2022 附件2)', () => {
  it('counts enrolled persons per village against its target, keeps units the notice does not list, and counts vouchers (§九)', async () => {
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY, OUTSIDE, QIUYUAN]);
    await b.addOperator('op');
    await pay('o-1', QIXIAN_FAMILY);
    await pay('o-2', OUTSIDE);
    await b.deliveries(2);
    const r = await b.call('op', 'progress', { policyId: 'qixian-2022' });
    expect(r.data.targetCite).toBe('qixian-2022 附件2');
    // Enrolled against the target and beside the roster (4 on it: one is employee-insured).
    expect(r.data.units.find((u: any) => u.unit === '蕲县村')).toEqual({ unit: '蕲县村', target: 5167, roster: 4, enrolled: 3, permille: 0 });
    expect(r.data.units.find((u: any) => u.unit === '邱元村')).toEqual({ unit: '邱元村', target: 4263, roster: 2, enrolled: 0, permille: 0 });
    expect(r.data.units.find((u: any) => u.unit === '徐桥村')).toEqual({ unit: '徐桥村', target: 4358, roster: null, enrolled: 0, permille: 0 });
    expect(r.data.units.at(-1)).toEqual({ unit: '外来片区', target: null, roster: 1, enrolled: 1, permille: null });
    expect(r.data.total).toEqual({ unit: '合计', target: 63018, roster: 7, enrolled: 4, permille: 0 });
    expect(r.data.vouchers).toEqual({ activated: 0, enrolled: 4, targetPercent: 80, cite: 'qixian-2022 §九' });
  });

  it('keeps counting as things happen: a refund request leaves the count, a move keeps the unit where it paid', async () => {
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY, OUTSIDE]);
    await b.addOperator('op');
    await pay('o-2', OUTSIDE);
    await b.deliveries(1);
    const [order] = (await b.call('o-2', 'myOrders', {})).data;
    const asked = await b.call('o-2', 'requestRefund', { orderNo: order.orderNo, memberId: 'QX-9-1', reason: 'joined_employee' });
    expect(asked.ok).toBe(true);
    const afterRefund = await b.call('op', 'progress', { policyId: 'qixian-2022' });
    expect(afterRefund.data.units.find((u: any) => u.unit === '外来片区')).toMatchObject({ enrolled: 0 });
    expect(afterRefund.data.total.enrolled).toBe(0);

    await pay('o-1', QIXIAN_FAMILY);
    await b.deliveries(2);
    // The roster moves the family to another village after it paid: it stays counted where it paid.
    await b.call('op', 'importRoster', { kind: 'roster', csv: `户编号,地区,村社区,姓名,证件号码\nQX-0001,qixian,邱元村,王建国,${QIXIAN_FAMILY.members[0]!.idNumber}` });
    const moved = await b.call('op', 'progress', { policyId: 'qixian-2022' });
    expect(moved.data.units.find((u: any) => u.unit === '蕲县村')).toMatchObject({ enrolled: 3 });
    expect(moved.data.total.enrolled).toBe(3);
  });

  it('is for operators only (who are told how to ask for access), and names an unknown year', async () => {
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY]);
    expect((await b.call('o-resident', 'progress', { policyId: 'qixian-2022' })).error).toMatchObject({ code: 'NOT_OPERATOR', message: expect.stringContaining('申请码 o-resident 发给县医保局的管理员') });
    // Once the administrator adds that code to the operators, the same caller sees the progress.
    await b.addOperator('o-resident');
    expect((await b.call('o-resident', 'progress', { policyId: 'qixian-2022' })).ok).toBe(true);
    await b.addOperator('op');
    expect((await b.call('op', 'progress', { policyId: 'qixian-2099' })).error).toMatchObject({ code: 'UNKNOWN_POLICY' });
  });

  it('lists who in a village has still to pay, names masked, leaving out who need not; operators only', async () => {
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY, OUTSIDE]);
    await b.addOperator('op');
    const list = async () => (await b.call('op', 'unpaidList', { policyId: 'qixian-2022', unit: '蕲县村' })).data;
    const before = await list();
    expect(before).toMatchObject({ policyId: 'qixian-2022', unit: '蕲县村', households: 1, persons: 4, atCounter: [], truncated: false });
    // 王小军 is in employee insurance: nobody needs to knock on his door.
    expect(before.unpaid.map((m: any) => [m.householdId, m.name, m.birthYear, m.due])).toEqual([
      ['QX-0001', '王*汉', 1940, expect.any(String)],
      ['QX-0001', '王*国', 1980, expect.any(String)],
      ['QX-0001', '李*英', 1982, expect.any(String)],
    ]);
    await pay('o-1', QIXIAN_FAMILY);
    await b.deliveries(1);
    expect((await list()).unpaid).toEqual([]);
    expect((await b.call('o-1', 'unpaidList', { policyId: 'qixian-2022', unit: '蕲县村' })).error.code).toBe('NOT_OPERATOR');
    expect((await b.call('op', 'unpaidList', { policyId: 'qixian-2022', unit: '' })).error.code).toBe('INVALID_EVENT');
    expect((await b.call('op', 'unpaidList', { policyId: 'dingtao-2024', unit: '天中街道' })).error.code).toBe('NOT_ON_SALE');
  });
});
