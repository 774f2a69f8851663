import { describe, expect, it } from 'vitest';
import { findPolicy } from '../../src/policies/registry';
import { quoteHousehold } from '../../src/core/rules/quote';
import { clause, pays, person, quote } from '../support/people';

const P = 'tengzhou-2021';
const noSubsidy = { subsidy: null, standard: '280.00', coverageEnd: '2021-12-31' };

clause('tengzhou-2021 §二(一) 个人缴费标准280元', P, [
  { name: 'an ordinary resident pays 280.00 for the whole year', paidOn: '2020-11-15', expect: pays('280.00', '2021-01-01', noSubsidy), cites: ['tengzhou-2021 §二(一)'] },
]);

const city = ['poverty_exited_enjoying', 'poverty_instant_help', 'dibao', 'tekun', 'orphan', 'distressed_child', 'de_facto_orphan'];
clause(
  'tengzhou-2021 §二(二)(1) 脱贫享受政策、即时帮扶、低保、特困、孤儿、困境儿童、事实无人抚养儿童由市财政承担',
  P,
  city.map((identity) => ({
    name: identity,
    paidOn: '2020-12-01',
    person: { identities: [identity] },
    expect: pays('0.00', '2021-01-01', { subsidy: { identity, amount: '280.00', timing: 'offset' } }),
    cites: ['tengzhou-2021 §二(二)(1)'],
  })),
);

clause('tengzhou-2021 §二(二)(2) 60-69岁承担50%，70岁以上全额（按1月1日周岁）', P, [
  { name: 'born 1961-01-01 is 60 on 2021-01-01: half', paidOn: '2020-12-01', person: { born: '1961-01-01' }, expect: pays('140.00', '2021-01-01', { subsidy: { identity: 'age_60_69', amount: '140.00' } }), cites: ['tengzhou-2021 §二(二)(2)'] },
  { name: 'born 1961-01-02 is 59 on 2021-01-01: nothing', paidOn: '2020-12-01', person: { born: '1961-01-02' }, expect: pays('280.00', '2021-01-01', { subsidy: null }) },
  { name: 'born 1951-01-02 is 69: half', paidOn: '2020-12-01', person: { born: '1951-01-02' }, expect: pays('140.00', '2021-01-01', { subsidy: { identity: 'age_60_69' } }) },
  { name: 'born 1951-01-01 is 70: full', paidOn: '2020-12-01', person: { born: '1951-01-01' }, expect: pays('0.00', '2021-01-01', { subsidy: { identity: 'age_70_plus', amount: '280.00' } }) },
  { name: 'a birth date given with the ID that agrees is accepted', paidOn: '2020-12-01', person: { born: '1950-06-01', birthDate: '1950-06-01' }, expect: pays('0.00', '2021-01-01', { subsidy: { identity: 'age_70_plus' } }) },
]);

clause('tengzhou-2021 §二(二)(3) 农村一女、双女、独生子女伤亡病残家庭，市镇各承担50%', P,
  ['fp_rural_one_daughter', 'fp_rural_two_daughters', 'fp_only_child_bereaved_disabled'].map((identity) => ({
    name: identity,
    paidOn: '2020-12-01',
    person: { identities: [identity] },
    expect: pays('0.00', '2021-01-01', { subsidy: { identity, amount: '280.00' } }),
    cites: ['tengzhou-2021 §二(二)(3)'],
  })),
);

describe('tengzhou-2021 §二(二)(3) 资金由市、镇（街）财政各承担50%', () => {
  it('the applied subsidy carries its funding source', () => {
    const household = [{ ...person(P, { identities: ['fp_rural_two_daughters'] }), identities: ['fp_rural_two_daughters' as const] }];
    const facts = household.map((p) => ({ id: p.id, name: p.name, idKind: 'resident' as const, birthDate: '1980-05-05', identities: p.identities, employeeInsured: false, school: false, migrantWorker: false, military: false, prisoner: false, hukou: 'local' as const, residencePermit: false, paid: false }));
    const quote = quoteHousehold(findPolicy(P)!, facts, '2020-12-01');
    const member = 'members' in quote ? quote.members[0]! : undefined;
    expect(member?.outcome === 'pay' && member.subsidy?.fundedBy).toBe('市、镇（街）财政各承担50%');
  });
});

clause('tengzhou-2021 §二(二)(4) 重度残疾人由市财政承担', P, [
  { name: 'disabled_severe', paidOn: '2020-12-01', person: { identities: ['disabled_severe'] }, expect: pays('0.00', '2021-01-01'), cites: ['tengzhou-2021 §二(二)(4)'] },
]);

clause('tengzhou-2021 §二(二)(5) 抚恤定补优抚对象由市财政承担', P, [
  { name: 'veteran_preferential', paidOn: '2020-12-01', person: { identities: ['veteran_preferential'] }, expect: pays('0.00', '2021-01-01'), cites: ['tengzhou-2021 §二(二)(5)'] },
]);

clause('tengzhou-2021 §二(二) 符合多个资助条件的按最高资助，不重复享受', P, [
  { name: 'dibao and 65 years old: the full dibao subsidy, once', paidOn: '2020-12-01', person: { born: '1955-03-03', identities: ['dibao'] }, expect: pays('0.00', '2021-01-01', { subsidy: { identity: 'dibao', amount: '280.00' } }), cites: ['tengzhou-2021 §二(二)'] },
  { name: 'an identity this notice does not subsidise gives nothing', paidOn: '2020-12-01', person: { identities: ['village_cadre'] }, expect: pays('280.00', '2021-01-01', { subsidy: null }) },
]);

clause('tengzhou-2021 §二(三) 集中征缴期2020年11月1日—12月20日', P, [
  { name: 'first day', paidOn: '2020-11-01', expect: pays('280.00', '2021-01-01', { entry: 'on_time' }) },
  { name: 'last day', paidOn: '2020-12-20', expect: pays('280.00', '2021-01-01', { entry: 'on_time' }) },
  { name: 'the day after: full premium 830.00, 30 days wait', paidOn: '2020-12-21', expect: pays('830.00', '2021-01-21', { standard: '830.00', subsidy: null, entry: 'late', waitingPeriodEnds: '2021-01-20' }), cites: ['tengzhou-2021 §二(三)'] },
]);

clause('tengzhou-2021 §二(三) 政府资助人员可延长1个月', P, [
  { name: 'dibao on 2021-01-20 is on time', paidOn: '2021-01-20', person: { identities: ['dibao'] }, expect: pays('0.00', '2021-01-01', { entry: 'extended' }), cites: ['tengzhou-2021 §二(三)'] },
  { name: 'a 60-year-old on 2021-01-20 is on time with the half subsidy', paidOn: '2021-01-20', person: { born: '1960-06-06' }, expect: pays('140.00', '2021-01-01', { entry: 'extended' }) },
  { name: 'dibao on 2021-01-21 is late: 830.00 and no subsidy', paidOn: '2021-01-21', person: { identities: ['dibao'] }, expect: pays('830.00', '2021-02-21', { subsidy: null, entry: 'late' }) },
  { name: 'an unsubsidised resident gets no extension', paidOn: '2021-01-10', expect: pays('830.00', '2021-02-10', { entry: 'late' }) },
]);

clause('tengzhou-2021 §二(三) 逾期缴费30日后方可享受待遇', P, [
  { name: 'paid 2021-01-05 → benefits from 2021-02-05', paidOn: '2021-01-05', expect: pays('830.00', '2021-02-05') },
  { name: 'paid 2021-11-30 → one day of benefits, 2021-12-31', paidOn: '2021-11-30', expect: pays('830.00', '2021-12-31') },
  { name: 'paid 2021-12-01 → the wait outlasts the year: nothing to pay for', paidOn: '2021-12-01', expect: { outcome: 'ineligible' }, cites: ['tengzhou-2021 §二(三)'] },
  { name: 'a newborn after the period is not charged 830: the notice says nothing of newborns', paidOn: '2021-03-01', person: { born: '2021-02-01' }, expect: { outcome: 'counter', office: '户籍所在镇（街道）医保经办窗口' } },
]);

clause('tengzhou-2021 §二(四) 征缴范围', P, [
  { name: 'employee-insured: not in this scheme', paidOn: '2020-12-15', person: { employeeInsured: true }, expect: { outcome: 'ineligible' }, cites: ['tengzhou-2021 §二(四)'] },
  { name: 'non-local with a residence permit', paidOn: '2020-12-15', person: { hukou: 'nonlocal', residencePermit: true }, expect: pays('280.00', '2021-01-01'), cites: ['tengzhou-2021 §二(四)'] },
  { name: 'non-local without a permit', paidOn: '2020-12-15', person: { hukou: 'nonlocal' }, expect: { outcome: 'ineligible' } },
  { name: 'a non-local student of a local school enrols through the school', paidOn: '2020-12-15', person: { school: true, hukou: 'nonlocal' }, expect: { outcome: 'school' } },
  { name: 'a local student enrols through the school', paidOn: '2020-12-15', person: { school: true }, expect: { outcome: 'school' } },
  { name: 'serving military: not stated, counter', paidOn: '2020-12-15', person: { military: true }, expect: { outcome: 'counter' } },
  { name: 'already paid this year', paidOn: '2020-12-15', person: { paid: true }, expect: { outcome: 'enrolled' } },
]);

describe('tengzhou-2021 §二(四) 随迁子女', () => {
  it('a non-local child of a permit holder may join with the parent', () => {
    const q = quote(P, '2020-12-15', [
      { hukou: 'nonlocal', residencePermit: true },
      { hukou: 'nonlocal', born: '2015-04-04', seq: '002' },
    ]);
    expect(q.members.map((m) => m.outcome)).toEqual(['pay', 'pay']);
    expect(q.totalDue).toBe('560.00');
  });
  it('a non-local child alone is not covered', () => {
    expect(quote(P, '2020-12-15', [{ hukou: 'nonlocal', born: '2015-04-04' }]).members[0]!.outcome).toBe('ineligible');
  });
});

describe('tengzhou-2021 §二(三) 同户成员各按本人情况', () => {
  it('a household paying in the extension month: the subsidised member on time, the others late', () => {
    const q = quote(P, '2021-01-10', [{ identities: ['orphan'], born: '2010-01-01' }, { seq: '002' }, { employeeInsured: true, seq: '003' }]);
    expect(q.members.map((m) => [m.outcome, 'due' in m ? m.due : null])).toEqual([
      ['pay', '0.00'],
      ['pay', '830.00'],
      ['ineligible', null],
    ]);
    expect(q.totalDue).toBe('830.00');
  });
});

describe('tengzhou-2021 附件 征缴任务表', () => {
  it('21 towns, 1,487,341 persons in all', () => {
    const targets = findPolicy(P)!.targets!;
    expect(targets.items).toHaveLength(21);
    expect(targets.total).toBe(1487341);
  });
});
