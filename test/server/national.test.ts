/**
 * The national layer through the cloud-function handlers (demo-2027 on the real date): history
 * from the roster and from the product's own enrolments, the back-payment offered, ticked,
 * re-checked and paid. Runs on PGlite and on CloudBase through the real SDK.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HouseholdSeed } from '../../src/server/seed';
import { idNumber } from '../support/people';
import { backend, type Backend } from './harness';

const OPENID = 'o-national-openid';
const OPERATOR = 'o-national-operator';
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const SUN: HouseholdSeed = {
  householdId: 'SF-0002',
  region: 'demo',
  unit: '示范镇西村',
  members: [
    // Broke 2025 and 2026 (the worked example); broke 2026 only; history unknown.
    { idNumber: idNumber('110101', '1980-03-07', '017'), name: '孙立', enrolledYears: years(2019, 2024) },
    { idNumber: idNumber('110101', '1982-06-18', '028'), name: '褚丽', enrolledYears: years(2015, 2025) },
    { idNumber: idNumber('110101', '1956-01-01', '039'), name: '孙福' },
  ],
};

let b: Backend;
afterEach(async () => b?.close());

async function quoted(repairs?: Record<string, number[]>, householdId = 'SF-0002') {
  const q = await b.call(OPENID, 'quote', { householdId, ...(repairs ? { repairs } : {}) });
  expect(q.ok).toBe(true);
  return q.data;
}

describe('demo-2027 on 2026-12-02: waiting periods and back-payment through the functions', () => {
  it('quotes each member from the roster history, offers the repair, and charges it only when ticked', async () => {
    b = await backend('2026-12-02T10:00:00', [SUN]);
    expect((await b.call(OPENID, 'lookupHousehold', { name: '孙立', idNumber: SUN.members[0]!.idNumber })).ok).toBe(true);
    const q = await quoted();
    expect(q.policy).toBe('demo-2027');
    expect(q.region).toContain('虚构');
    const [fu, sun, chu] = q.members; // oldest first
    expect(sun).toMatchObject({ due: '400.00', coverageStart: '2027-05-01', waitingPeriod: { fixedMonths: 3, variableMonths: 1, from: '2027-01-01', benefitsFrom: '2027-05-01' }, repairOffer: { years: [2026], amount: '400.00', benefitsFrom: '2027-04-01' }, repair: null });
    expect(chu).toMatchObject({ due: '400.00', coverageStart: '2027-04-01', waitingPeriod: { fixedMonths: 3, variableMonths: 0 }, repairOffer: null });
    expect(fu).toMatchObject({ due: '400.00', coverageStart: '2027-01-01', waitingPeriod: null, incentive: null });
    expect(fu.reason).toContain('按连续参保计算');
    expect(q.totalDue).toBe('1200.00');

    const ticked = await quoted({ [sun.memberId]: [2026] });
    expect(ticked.members[1]).toMatchObject({ due: '800.00', coverageStart: '2027-04-01', repair: { years: [2026], amount: '400.00' }, repairOffer: null });
    expect(ticked.totalDue).toBe('1600.00');

    const order = await b.call(OPENID, 'createOrder', { householdId: 'SF-0002', memberIds: [sun.memberId], repairs: { [sun.memberId]: [2026] } });
    expect(order.ok).toBe(true);
    expect(order.data.total).toBe('800.00');
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(b.sandbox.scenario.deliveries);
    const certificate = await b.call(OPENID, 'certificate', { orderNo: order.data.orderNo });
    expect(certificate.ok).toBe(true);
    expect(certificate.data.members[0]).toMatchObject({ amount: '800.00', coverageStart: '2027-04-01' });
  });

  it('refuses a repair outside the break, or for a member not in the order, in Chinese', async () => {
    b = await backend('2026-12-02T10:00:00', [SUN]);
    await b.call(OPENID, 'lookupHousehold', { name: '孙立', idNumber: SUN.members[0]!.idNumber });
    const [, sun, chu] = (await quoted()).members;
    const outside = await b.call(OPENID, 'createOrder', { householdId: 'SF-0002', memberIds: [sun.memberId], repairs: { [sun.memberId]: [2024] } });
    expect(outside.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(outside.error.message).toContain('可补缴的断保年度为2025、2026');
    const notChosen = await b.call(OPENID, 'createOrder', { householdId: 'SF-0002', memberIds: [sun.memberId], repairs: { [chu.memberId]: [2026] } });
    expect(notChosen.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(await b.enrolments()).toEqual([]);
  });

  it('a year paid here counts as insured next year: enrolled for 2026 in this product, no wait in 2027', async () => {
    b = await backend('2025-12-01T10:00:00', [SUN]);
    await b.call(OPENID, 'lookupHousehold', { name: '褚丽', idNumber: SUN.members[1]!.idNumber });
    const q2026 = await quoted();
    expect(q2026.policy).toBe('demo-2026');
    const chu2026 = q2026.members[2];
    expect(chu2026).toMatchObject({ coverageStart: '2026-01-01', waitingPeriod: null });
    const order = await b.call(OPENID, 'createOrder', { householdId: 'SF-0002', memberIds: [chu2026.memberId] });
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(b.sandbox.scenario.deliveries);

    b.clock.setShanghai('2026-12-02T10:00:00');
    const q2027 = await quoted();
    expect(q2027.policy).toBe('demo-2027');
    expect(q2027.members[2]).toMatchObject({ coverageStart: '2027-01-01', waitingPeriod: null, incentive: { continuousYears: 13, capIncrease: '27000.00' } });
  });

  it('the roster import reads 参保年度 and 上年度零报销, and explains a bad year list', async () => {
    b = await backend('2026-12-02T10:00:00', []);
    await b.addOperator(OPERATOR);
    const id = idNumber('110101', '1970-07-07', '051');
    const csv = [
      '户编号,地区,村社区,姓名,证件号码,参保年度,上年度零报销',
      `SF-0009,demo,示范镇东村,周全,${id},"2015-2020,2022-2026",是`,
      `SF-0009,demo,示范镇东村,周错,${idNumber('110101', '1971-07-07', '061')},2026-2020,否`,
    ].join('\n');
    const report = await b.call(OPERATOR, 'importRoster', { kind: 'roster', csv });
    expect(report.data).toMatchObject({ imported: 1, rejected: [{ line: 3, reason: expect.stringContaining('参保年度') }] });
    await b.call(OPENID, 'lookupHousehold', { name: '周全', idNumber: id });
    const q = await b.call(OPENID, 'quote', { householdId: 'SF-0009' });
    expect(q.data.members[0]).toMatchObject({ coverageStart: '2027-01-01', incentive: { continuousYears: 6, capIncrease: '9000.00' } });
  });

  it('a seed region with no known notice for 2027: the home page and the quote say 标准待公布, no number', async () => {
    const dingtao: HouseholdSeed = { householdId: 'DT-0009', region: 'dingtao', unit: '天中街道', members: [{ idNumber: idNumber('371703', '1975-07-07', '051'), name: '赵大海' }] };
    b = await backend('2026-12-02T10:00:00', [dingtao]);
    const sale = await b.call(OPENID, 'onSale', {});
    expect(sale.data.regions).toEqual([expect.objectContaining({ region: 'demo', coverageYear: 2027, closes: '2027-02-28' })]);
    expect(sale.data.pending).toContainEqual({ region: 'dingtao', name: '菏泽市定陶区', coverageYear: 2027, counterOffice: '镇（街道）医疗保障窗口' });
    await b.call(OPENID, 'lookupHousehold', { name: '赵大海', idNumber: dingtao.members[0]!.idNumber });
    const q = await b.call(OPENID, 'quote', { householdId: 'DT-0009' });
    expect(q.error.code).toBe('NOT_ON_SALE');
    expect(q.error.message).toContain('菏泽市定陶区2027年度居民医保的缴费标准待公布');
  });
});

describe('a newborn born the year before: its birth year sold beside the year on sale (医保办函〔2021〕11号 第十条)', () => {
  const ZHENG: HouseholdSeed = {
    householdId: 'SF-0011',
    region: 'demo',
    unit: '示范镇东村',
    members: [
      { idNumber: idNumber('110101', '1990-04-12', '071'), name: '郑立', enrolledYears: years(2015, 2026) },
      { idNumber: idNumber('110101', '2026-11-10', '082'), name: '郑满', enrolledYears: [] },
    ],
  };

  it('offers 2026 from birth as its own order, pays it, and offers it no more; 2027 stays on sale', async () => {
    b = await backend('2026-12-02T10:00:00', [ZHENG]);
    await b.call(OPENID, 'lookupHousehold', { name: '郑立', idNumber: ZHENG.members[0]!.idNumber });
    const q = await quoted(undefined, 'SF-0011');
    const child = q.members.find((m: { birthYear: number }) => m.birthYear === 2026);
    expect(child).toMatchObject({ outcome: 'pay', coverageStart: '2027-01-01' });
    expect(q.birthYear).toMatchObject({ policy: 'demo-2026', coverageYear: 2026, totalDue: '400.00', members: [{ memberId: child.memberId, due: '400.00', coverageStart: '2026-11-10', coverageEnd: '2026-12-31', newbornPayBy: '2026-12-31' }] });
    expect(q.birthYear.members[0].citations).toContain('医保办函〔2021〕11号 第十条（缴纳出生当年居民医保费后自出生之日起报销）');

    // The village's unpaid list carries the birth year too, as its own line.
    await b.addOperator(OPERATOR);
    const unpaid = async () => (await b.call(OPERATOR, 'unpaidList', { policyId: 'demo-2027', unit: '示范镇东村' })).data.unpaid.filter((m: { birthYear: number }) => m.birthYear === 2026);
    expect(await unpaid()).toEqual([expect.objectContaining({ due: '400.00' }), expect.objectContaining({ due: '400.00', coverageYear: 2026, reason: expect.stringMatching(/^出生当年（2026年度）保费：/) })]);

    const parent = q.members.find((m: { birthYear: number }) => m.birthYear === 1990);
    const notNewborn = await b.call(OPENID, 'createOrder', { householdId: 'SF-0011', memberIds: [parent.memberId], coverageYear: 2026 });
    expect(notNewborn.error).toMatchObject({ code: 'NOT_PAYABLE' });
    const otherYear = await b.call(OPENID, 'createOrder', { householdId: 'SF-0011', memberIds: [child.memberId], coverageYear: 2025 });
    expect(otherYear.error).toMatchObject({ code: 'NOT_ON_SALE' });

    const order = await b.call(OPENID, 'createOrder', { householdId: 'SF-0011', memberIds: [child.memberId], coverageYear: 2026 });
    expect(order.data).toMatchObject({ total: '400.00', status: 'created' });
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(b.sandbox.scenario.deliveries);
    const certificate = await b.call(OPENID, 'certificate', { orderNo: order.data.orderNo });
    expect(certificate.data).toMatchObject({ coverageYear: 2026, members: [{ amount: '400.00', coverageStart: '2026-11-10', coverageEnd: '2026-12-31' }] });

    const after = await quoted(undefined, 'SF-0011');
    expect(after.birthYear ?? null).toBeNull();
    expect(await unpaid()).toEqual([expect.not.objectContaining({ coverageYear: 2026 })]);
    expect(after.members.find((m: { birthYear: number }) => m.birthYear === 2026)).toMatchObject({ outcome: 'pay', coverageStart: '2027-01-01' });
    const year2027 = await b.call(OPENID, 'createOrder', { householdId: 'SF-0011', memberIds: [child.memberId] });
    expect(year2027.data).toMatchObject({ total: '400.00' });
    expect(year2027.data.orderNo).not.toBe(order.data.orderNo);
  });

  it('not once its window has closed, nor after its year has ended where the year on sale says nothing of both years', async () => {
    b = await backend('2027-02-09T10:00:00', [ZHENG]);
    await b.call(OPENID, 'lookupHousehold', { name: '郑立', idNumber: ZHENG.members[0]!.idNumber });
    expect((await quoted(undefined, 'SF-0011')).birthYear ?? null).toBeNull();
    b.clock.setShanghai('2027-01-05T10:00:00');
    expect((await quoted(undefined, 'SF-0011')).birthYear ?? null).toBeNull();
  });
});
