import { describe, expect, it } from 'vitest';
import { findPolicy } from '../../src/policies/registry';
import { clause, idNumber, pays, quote } from '../support/people';

const P = 'qixian-2022';
const year = { coverageEnd: '2022-12-31' };

clause('qixian-2022 §四(一) 筹资标准900元，个人缴费320元', P, [
  { name: 'an ordinary resident pays 320.00', paidOn: '2021-11-02', expect: pays('320.00', '2022-01-01', { standard: '320.00', subsidy: null, ...year }), cites: ['qixian-2022 §四(一)'] },
]);

const full = [
  'tekun', 'orphan', 'de_facto_orphan', 'fp_rural_one_daughter', 'fp_rural_two_daughters', 'fp_only_child_bereaved_disabled',
  'fp_sterilization_complication', 'veteran_preferential', 'retired_armed_police', 'village_cadre',
];
clause('qixian-2022 §四(二)1 全额资助320元', P,
  full.map((identity) => ({
    name: identity,
    paidOn: '2021-11-02',
    person: { identities: [identity] },
    expect: pays('0.00', '2022-01-01', { subsidy: { identity, amount: '320.00', timing: 'offset' } }),
    cites: ['qixian-2022 §四(二)1'],
  })),
);

clause('qixian-2022 §四(二)2 定额资助', P, [
  { name: 'dibao: 280 subsidy, pays 40', paidOn: '2021-11-02', person: { identities: ['dibao'] }, expect: pays('40.00', '2022-01-01', { subsidy: { identity: 'dibao', amount: '280.00' } }), cites: ['qixian-2022 §四(二)2'] },
  { name: 'poverty_relapsed: 250 subsidy, pays 70', paidOn: '2021-11-02', person: { identities: ['poverty_relapsed'] }, expect: pays('70.00', '2022-01-01', { subsidy: { identity: 'poverty_relapsed', amount: '250.00' } }) },
  { name: 'poverty_monitored: 160 subsidy, pays 160', paidOn: '2021-11-02', person: { identities: ['poverty_monitored'] }, expect: pays('160.00', '2022-01-01', { subsidy: { identity: 'poverty_monitored', amount: '160.00' } }) },
  { name: 'several identities: the highest only (dibao over monitored)', paidOn: '2021-11-02', person: { identities: ['poverty_monitored', 'dibao'] }, expect: pays('40.00', '2022-01-01', { subsidy: { identity: 'dibao' } }), cites: ['qixian-2022 §四(二)'] },
  { name: 'full beats fixed (tekun over dibao)', paidOn: '2021-11-02', person: { identities: ['dibao', 'tekun'] }, expect: pays('0.00', '2022-01-01', { subsidy: { identity: 'tekun' } }) },
]);

clause('qixian-2022 §四(二)3 稳定脱贫人口不再享受资助', P, [
  { name: 'poverty_exited_stable pays the full 320', paidOn: '2021-11-02', person: { identities: ['poverty_exited_stable'] }, expect: pays('320.00', '2022-01-01', { subsidy: null }), cites: ['qixian-2022 §四(二)3'] },
]);

clause('qixian-2022 §五(一) 2021年11月30日前集中参保，待遇2022年1月1日-12月31日', P, [
  { name: 'on the last day', paidOn: '2021-11-30', expect: pays('320.00', '2022-01-01', { entry: 'on_time', ...year }), cites: ['qixian-2022 §五(一)'] },
  { name: 'from the notice date (the product opening day)', paidOn: '2021-10-18', expect: pays('320.00', '2022-01-01') },
  { name: 'the day after: not online, to the office', paidOn: '2021-12-01', expect: { outcome: 'counter', office: '蕲县镇农合办（镇卫生院医保科）' }, cites: ['qixian-2022 §五(五)'] },
  { name: 'a subsidised resident after the period: also the office', paidOn: '2021-12-01', person: { identities: ['dibao'] }, expect: { outcome: 'counter' } },
]);

clause('qixian-2022 §五(二) 新生儿90日内参保自出生之日起享受，超过90日自缴费次日起', P, [
  { name: 'born 2022-01-01, paid on day 90 (2022-04-01): from birth', paidOn: '2022-04-01', person: { born: '2022-01-01' }, expect: pays('320.00', '2022-01-01', { entry: 'newborn' }), cites: ['qixian-2022 §五(二)'] },
  { name: 'born 2022-01-01, paid 2022-04-02: from the day after payment', paidOn: '2022-04-02', person: { born: '2022-01-01' }, expect: pays('320.00', '2022-04-03', { entry: 'newborn' }) },
  { name: 'born 2022-03-15, paid 2022-03-20 (inside the year, after the period)', paidOn: '2022-03-20', person: { born: '2022-03-15' }, expect: pays('320.00', '2022-03-15') },
  { name: 'born 2021-12-20, paid 2022-01-10: from birth, before the year', paidOn: '2022-01-10', person: { born: '2021-12-20' }, expect: pays('320.00', '2021-12-20') },
  { name: 'a newborn orphan pays nothing and is covered from birth', paidOn: '2022-02-01', person: { born: '2022-01-20', identities: ['orphan'] }, expect: pays('0.00', '2022-01-20') },
  { name: 'born 2021-06-01, window closed, paid late: not a newborn any more', paidOn: '2021-12-10', person: { born: '2021-06-01' }, expect: { outcome: 'counter' } },
]);

clause('qixian-2022 §五(三) 农村外出务工人员可延长到2022年2月28日', P, [
  { name: 'paid 2022-02-28: on time, whole year', paidOn: '2022-02-28', person: { migrantWorker: true }, expect: pays('320.00', '2022-01-01', { entry: 'extended' }), cites: ['qixian-2022 §五(三)'] },
  { name: 'with dibao the subsidy stays', paidOn: '2022-01-15', person: { migrantWorker: true, identities: ['dibao'] }, expect: pays('40.00', '2022-01-01') },
  { name: 'paid 2022-03-01: to the office', paidOn: '2022-03-01', person: { migrantWorker: true }, expect: { outcome: 'counter' } },
]);

clause('qixian-2022 §五(四) 中专学生在学籍地参保，救助对象可选择在身份认证地参保', P, [
  { name: 'a student enrols through the school', paidOn: '2021-11-02', person: { school: true, born: '2005-02-02' }, expect: { outcome: 'school' }, cites: ['qixian-2022 §五(四)'] },
  { name: 'a dibao student may pay here with the subsidy', paidOn: '2021-11-02', person: { school: true, born: '2005-02-02', identities: ['dibao'] }, expect: pays('40.00', '2022-01-01'), cites: ['qixian-2022 §五(四)'] },
  { name: 'a stable-poverty student has no subsidy: school', paidOn: '2021-11-02', person: { school: true, identities: ['poverty_exited_stable'] }, expect: { outcome: 'school' } },
]);

const employee = (continuousYears: number, endedOn: string) => ({ employeeHistory: { continuousYears, endedOn } });
clause('qixian-2022 §五(五) 连续2年以上职工医保中断不超过3个月，自缴费次日起享受', P, [
  { name: 'ended 2022-01-31, paid 2022-04-30 (3 months, month-end): next day', paidOn: '2022-04-30', person: employee(2, '2022-01-31'), expect: pays('320.00', '2022-05-01', { entry: 'late_entry' }), cites: ['qixian-2022 §五(五)'] },
  { name: 'paid in December 2021: covered from 1 January', paidOn: '2021-12-15', person: employee(5, '2021-11-20'), expect: pays('320.00', '2022-01-01', { entry: 'late_entry' }) },
  { name: 'only 1 year of employee insurance: to the office', paidOn: '2022-02-10', person: employee(1, '2022-01-31'), expect: { outcome: 'counter' } },
]);

clause('qixian-2022 §五(五)第二款 中断超过3个月设6个月等待期', P, [
  { name: 'ended 2022-01-31, paid 2022-05-01: benefits from 2022-11-02', paidOn: '2022-05-01', person: employee(3, '2022-01-31'), expect: pays('320.00', '2022-11-02', { waitingPeriodEnds: '2022-11-01' }), cites: ['qixian-2022 §五(五)第二款'] },
  { name: 'paid 2022-07-01: the wait outlasts the year', paidOn: '2022-07-01', person: employee(3, '2022-01-31'), expect: { outcome: 'ineligible' } },
]);

clause('qixian-2022 §五(五) 当年退出现役的军人', P, [
  { name: 'discharged 2022-03-01, paid 2022-03-10: from 2022-03-11', paidOn: '2022-03-10', person: { dischargedOn: '2022-03-01' }, expect: pays('320.00', '2022-03-11', { entry: 'late_entry' }), cites: ['qixian-2022 §五(五)'] },
  { name: 'discharged in 2020: an ordinary late payer', paidOn: '2022-03-10', person: { dischargedOn: '2020-08-01' }, expect: { outcome: 'counter' } },
]);

clause('qixian-2022 §五(五) 动态新增的特困、低保、返贫致贫、监测人口', P, [
  { name: 'dibao recognised 2022-05-01, paid 2022-05-10: pays 40 from 2022-05-11', paidOn: '2022-05-10', person: { identities: ['dibao'], newlyRecognizedOn: '2022-05-01' }, expect: pays('40.00', '2022-05-11', { subsidy: { identity: 'dibao' } }), cites: ['qixian-2022 §五(五)'] },
  { name: 'tekun recognised in December 2021: free, from 1 January', paidOn: '2021-12-06', person: { identities: ['tekun'], newlyRecognizedOn: '2021-12-05' }, expect: pays('0.00', '2022-01-01') },
  { name: 'an orphan is a 特困供养人员 (§四(二)1): newly recognised, free from the day after payment', paidOn: '2022-05-10', person: { identities: ['orphan'], newlyRecognizedOn: '2022-05-01' }, expect: pays('0.00', '2022-05-11', { entry: 'late_entry' }), cites: ['qixian-2022 §五(五)'] },
  { name: 'so is a 事实无人抚养儿童', paidOn: '2022-05-10', person: { identities: ['de_facto_orphan'], newlyRecognizedOn: '2022-05-01' }, expect: pays('0.00', '2022-05-11', { entry: 'late_entry' }) },
  { name: 'a newly recognised identity the clause does not list (农村独女户): office', paidOn: '2022-05-10', person: { identities: ['fp_rural_one_daughter'], newlyRecognizedOn: '2022-05-01' }, expect: { outcome: 'counter' } },
]);

clause('qixian-2022 §三 筹资对象', P, [
  { name: 'employee-insured: not in this scheme', paidOn: '2021-11-02', person: { employeeInsured: true }, expect: { outcome: 'ineligible' }, cites: ['qixian-2022 §三(一)'] },
  { name: 'non-local with a residence permit', paidOn: '2021-11-02', person: { hukou: 'nonlocal', residencePermit: true }, expect: pays('320.00', '2022-01-01'), cites: ['qixian-2022 §三(二)'] },
  { name: 'non-local without a permit', paidOn: '2021-11-02', person: { hukou: 'nonlocal' }, expect: { outcome: 'ineligible' }, cites: ['qixian-2022 §三(二)'] },
]);

describe('qixian-2022 §三(四)(五) 港澳台居民与外籍人员', () => {
  it('a Hong Kong residence-permit holder pays like a resident', () => {
    const m = quote(P, '2021-11-02', [{ id: idNumber('810000', '1990-01-01'), name: '陈大文' }]).members[0]!;
    expect(m).toMatchObject(pays('320.00', '2022-01-01'));
    expect(m.citations).toContain('qixian-2022 §三(四)');
  });
  it('a foreigner with a permanent residence ID pays like a resident', () => {
    const m = quote(P, '2021-11-02', [{ id: idNumber('934840', '1985-08-08', '002'), name: 'Anna' }]).members[0]!;
    expect(m).toMatchObject(pays('320.00', '2022-01-01'));
    expect(m.citations).toContain('qixian-2022 §三(五)');
  });
});

describe('qixian-2022 §十一(三) 整户全额收缴', () => {
  it('the quote says the household pays together and totals every payable member', () => {
    const q = quote(P, '2021-11-02', [{ identities: ['dibao'] }, { seq: '002' }, { paid: true, seq: '003' }, { school: true, born: '2006-01-01' }]);
    expect(q.wholeHousehold?.citations).toEqual(['qixian-2022 §十一(三)']);
    expect(q.members.map((m) => m.outcome)).toEqual(['pay', 'pay', 'enrolled', 'school']);
    expect(q.totalDue).toBe('360.00');
  });
});

describe('qixian-2022 §九 医保电子凭证激活率80%', () => {
  it('is carried as the target', () => expect(findPolicy(P)!.voucherActivationTarget).toEqual({ percent: 80, cite: 'qixian-2022 §九' }));
});

describe('qixian-2022 附件2 任务分解表', () => {
  it('14 villages, 63,018 persons', () => {
    const t = findPolicy(P)!.targets!;
    expect([t.items.length, t.total]).toEqual([14, 63018]);
  });
});
