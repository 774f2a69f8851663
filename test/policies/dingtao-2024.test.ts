import { describe, expect, it } from 'vitest';
import { clause, pays, quote } from '../support/people';

const P = 'dingtao-2024';

clause('dingtao-2024 §三(一) 筹资1020元，个人缴费380元', P, [
  { name: 'an ordinary resident pays 380.00', paidOn: '2023-10-01', expect: pays('380.00', '2024-01-01', { standard: '380.00', subsidy: null, coverageEnd: '2024-12-31' }), cites: ['dingtao-2024 §三(一)'] },
]);

clause('dingtao-2024 §三(二) 每年9月1日至12月31日为下一年度集中缴费期', P, [
  { name: 'first day', paidOn: '2023-09-01', expect: pays('380.00', '2024-01-01', { entry: 'on_time' }), cites: ['dingtao-2024 §三(二)'] },
  { name: 'last day', paidOn: '2023-12-31', expect: pays('380.00', '2024-01-01', { entry: 'on_time' }) },
]);

clause('dingtao-2024 §四(一) 1月1日后缴费设3个月等待期', P, [
  { name: 'paid 2024-01-01: from 2024-04-02', paidOn: '2024-01-01', expect: pays('380.00', '2024-04-02', { entry: 'late', waitingPeriodEnds: '2024-04-01' }), cites: ['dingtao-2024 §四(一)'] },
  { name: 'paid 2024-01-15: from 2024-04-16', paidOn: '2024-01-15', expect: pays('380.00', '2024-04-16') },
  { name: 'a dibao late payer keeps the subsidy: 266.00', paidOn: '2024-01-15', person: { identities: ['dibao'] }, expect: pays('266.00', '2024-04-16', { subsidy: { identity: 'dibao', amount: '114.00' } }) },
  { name: 'paid 2024-11-30: the wait ends 2025-02-28, ineligible for 2024', paidOn: '2024-11-30', expect: { outcome: 'ineligible' } },
  { name: 'paid 2024-09-30: one day of benefits, 2024-12-31', paidOn: '2024-09-30', expect: pays('380.00', '2024-12-31') },
  { name: 'paid 2024-10-01: the wait outlasts the year', paidOn: '2024-10-01', expect: { outcome: 'ineligible' } },
]);

clause('dingtao-2024 §四(二) 新生儿6个月内参保自出生之日起，超过6个月自缴费次月起', P, [
  { name: 'born 2024-01-05, paid 2024-07-05 (last day): from birth, and says it was the last day', paidOn: '2024-07-05', person: { born: '2024-01-05' }, expect: pays('380.00', '2024-01-05', { entry: 'newborn', newbornPayBy: '2024-07-05' }), cites: ['dingtao-2024 §四(二)'] },
  { name: 'born 2024-01-05, paid 2024-07-20: from 2024-08-01', paidOn: '2024-07-20', person: { born: '2024-01-05' }, expect: pays('380.00', '2024-08-01', { entry: 'newborn' }) },
  { name: 'born 2023-08-31, paid 2024-02-29 (leap-year month end): from birth', paidOn: '2024-02-29', person: { born: '2023-08-31' }, expect: pays('380.00', '2023-08-31') },
  { name: 'born 2023-08-31, paid 2024-03-01: a late payer, 3 months wait', paidOn: '2024-03-01', person: { born: '2023-08-31' }, expect: pays('380.00', '2024-06-02', { entry: 'late' }) },
  { name: 'born 2024-06-10, paid 2024-12-10 (last day): from birth, no waiting period', paidOn: '2024-12-10', person: { born: '2024-06-10' }, expect: pays('380.00', '2024-06-10', { entry: 'newborn' }) },
  { name: 'born 2024-06-10, paid 2024-12-11: next month is 2025, nothing to pay for in 2024', paidOn: '2024-12-11', person: { born: '2024-06-10' }, expect: { outcome: 'ineligible' } },
]);

clause('dingtao-2024 §五(一) 特困人员（含孤儿和事实无人抚养儿童）全额资助', P,
  ['tekun', 'orphan', 'de_facto_orphan'].map((identity) => ({
    name: identity,
    paidOn: '2023-10-01',
    person: { identities: [identity] },
    expect: pays('0.00', '2024-01-01', { subsidy: { identity, amount: '380.00' } }),
    cites: ['dingtao-2024 §五(一)'],
  })),
);

clause('dingtao-2024 §五(二) 低保、返贫致贫、低保边缘、监测帮扶对象定额资助114元', P,
  ['dibao', 'poverty_relapsed', 'dibao_marginal', 'poverty_monitored'].map((identity) => ({
    name: identity,
    paidOn: '2023-10-01',
    person: { identities: [identity] },
    expect: pays('266.00', '2024-01-01', { subsidy: { identity, amount: '114.00', timing: 'offset' } }),
    cites: ['dingtao-2024 §五(二)'],
  })),
);

clause('dingtao-2024 §五(三) 稳定脱贫人口不享受资助；多重身份按资助标准高的享受', P, [
  { name: 'poverty_exited_stable pays 380', paidOn: '2023-10-01', person: { identities: ['poverty_exited_stable'] }, expect: pays('380.00', '2024-01-01', { subsidy: null }), cites: ['dingtao-2024 §五(三)'] },
  { name: 'dibao and tekun: full', paidOn: '2023-10-01', person: { identities: ['dibao', 'tekun'] }, expect: pays('0.00', '2024-01-01', { subsidy: { identity: 'tekun' } }), cites: ['dingtao-2024 §五(三)'] },
]);

clause('dingtao-2024 §二 参保范围', P, [
  { name: 'employee-insured', paidOn: '2023-10-01', person: { employeeInsured: true }, expect: { outcome: 'ineligible' }, cites: ['dingtao-2024 §二'] },
  { name: 'non-local residents are in scope', paidOn: '2023-10-01', person: { hukou: 'nonlocal' }, expect: pays('380.00', '2024-01-01') },
  { name: 'students enrol through their school', paidOn: '2023-10-01', person: { school: true, born: '2010-10-10' }, expect: { outcome: 'school' }, cites: ['dingtao-2024 §二(二)'] },
]);

describe('dingtao-2024 mixed household', () => {
  it('a late household: newborn from birth, dibao with subsidy and wait, employee out', () => {
    const q = quote(P, '2024-03-10', [
      { born: '2024-02-01' },
      { identities: ['dibao'], seq: '002' },
      { employeeInsured: true, seq: '003' },
      { paid: true, seq: '005' },
    ]);
    expect(q.members.map((m) => [m.outcome, 'coverageStart' in m ? m.coverageStart : null])).toEqual([
      ['pay', '2024-02-01'],
      ['pay', '2024-06-11'],
      ['ineligible', null],
      ['enrolled', null],
    ]);
    expect(q.totalDue).toBe('646.00');
  });
});
