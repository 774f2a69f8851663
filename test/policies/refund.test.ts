import { describe, expect, it } from 'vitest';
import { answerRefund, refundJson, type RefundRequestLine } from '../../src/contracts/refund';

function refund(line: Partial<RefundRequestLine>) {
  const req = { policy: 'qixian-2022', paidOn: '2021-11-02', paidAmount: '320.00', reason: 'duplicate', ...line } as RefundRequestLine;
  return refundJson('r', answerRefund(req));
}

describe('qixian-2022 §八 待遇享受期开始前因重复缴费、参加职工医保或其他统筹地区居民医保可退费', () => {
  it.each(['duplicate', 'joined_employee', 'joined_other_region'] as const)('%s on 2021-12-31: refunded in full', (reason) => {
    expect(refund({ requestedOn: '2021-12-31', reason })).toMatchObject({ eligible: true, amount: '320.00', citations: ['qixian-2022 §八'], productDefault: false });
  });
  it('on the first day of the coverage year: no refund', () => {
    expect(refund({ requestedOn: '2022-01-01' })).toMatchObject({ eligible: false, amount: '0.00' });
  });
  it('another reason: no refund', () => {
    expect(refund({ requestedOn: '2021-12-01', reason: 'other' })).toMatchObject({ eligible: false, amount: '0.00' });
  });
  it('参军入伍, which neither §八 nor the national 经办规程 names: not decided online, the counter is named', () => {
    const answer = refund({ requestedOn: '2021-12-01', reason: 'enlisted' });
    expect(answer).toMatchObject({ eligible: false, amount: '0.00', citations: ['qixian-2022 §八'] });
    expect(answer.reason).toContain('参军入伍的退费本地通知和国家经办规程均未规定，不能在线办理，请到蕲县镇农合办（镇卫生院医保科）咨询');
  });
  it('a later coverage start (a newborn covered from the day after payment) moves the line', () => {
    expect(refund({ requestedOn: '2022-03-05', paidOn: '2022-03-01', paidAmount: '40.00', coverageStart: '2022-03-10' })).toMatchObject({ eligible: true, amount: '40.00' });
    expect(refund({ requestedOn: '2022-03-10', paidOn: '2022-03-01', coverageStart: '2022-03-10' })).toMatchObject({ eligible: false });
  });
  it('only the personal payment comes back: the amount is what was paid', () => {
    expect(refund({ requestedOn: '2021-12-01', paidAmount: '40.00' }).amount).toBe('40.00');
  });
});

describe('refunds where the notice is silent: the product default, said as such', () => {
  it.each([
    ['tengzhou-2021', '2020-12-31', true],
    ['huining-2021', '2021-01-01', false],
    ['zhaoqing-2021', '2020-12-01', true],
    ['dingtao-2024', '2024-01-01', false],
  ] as const)('%s requested %s → eligible %s', (policy, requestedOn, eligible) => {
    const answer = refund({ policy, requestedOn, paidOn: '2020-11-20', paidAmount: '280.00' });
    // The national 经办规程, never another county's notice.
    expect(answer).toMatchObject({ eligible, productDefault: true, citations: ['医保办函〔2021〕11号 第十六条'] });
    expect(answer.reason).toContain('国家医保经办规程');
  });
});

describe('from 2025: 医保办函〔2021〕11号 第十六条 where the notice is silent (demo-2027)', () => {
  const demo = (line: Partial<RefundRequestLine>) => refund({ policy: 'demo-2027', paidOn: '2026-11-20', paidAmount: '400.00', ...line });
  it.each(['death', 'emigrated', 'duplicate', 'joined_employee', 'joined_other_region'] as const)('%s before the benefit period: the personal payment back', (reason) => {
    expect(demo({ requestedOn: '2026-12-20', reason })).toMatchObject({ eligible: true, amount: '400.00', citations: ['医保办函〔2021〕11号 第十六条'], productDefault: true });
  });
  it('after the benefit period started: nothing back; a later start (a waiting period) moves the line', () => {
    expect(demo({ requestedOn: '2027-01-01', reason: 'death' })).toMatchObject({ eligible: false, amount: '0.00' });
    expect(demo({ requestedOn: '2027-03-01', reason: 'death', coverageStart: '2027-05-01' })).toMatchObject({ eligible: true });
  });
  it('another reason is refused, naming the reasons that qualify', () => {
    expect(demo({ requestedOn: '2026-12-20', reason: 'other' }).reason).toContain('参保人死亡');
  });
  it('an amount asked back above what was paid is an error, not a refund', () => {
    expect(() => demo({ requestedOn: '2026-12-20', amount: '400.01' })).toThrow(/超过实际缴费金额/);
    expect(demo({ requestedOn: '2026-12-20', amount: '400.00' }).amount).toBe('400.00');
  });
  it('death and emigration are not refund reasons under the historical notices that do not list them', () => {
    expect(refund({ requestedOn: '2021-12-01', reason: 'death' })).toMatchObject({ eligible: false });
  });
});
