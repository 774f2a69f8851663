import { describe, expect, it } from 'vitest';
import { clause, pays, quote } from '../support/people';

const P = 'huining-2021';

clause('huining-2021 §一 个人缴费标准280元', P, [
  { name: 'an ordinary resident pays 280.00', paidOn: '2020-10-10', expect: pays('280.00', '2021-01-01', { standard: '280.00', subsidy: null, coverageEnd: '2021-12-31' }), cites: ['huining-2021 §一'] },
]);

clause('huining-2021 §二(二)1 全额资助对象，个人不再缴费', P,
  ['dibao_rural_class1', 'dibao_urban_full', 'tekun', 'orphan', 'de_facto_orphan'].map((identity) => ({
    name: identity,
    paidOn: '2020-10-10',
    person: { identities: [identity] },
    expect: pays('0.00', '2021-01-01', { subsidy: { identity, amount: '280.00', timing: 'offset' } }),
    cites: ['huining-2021 §二(二)1、§二(三)1'],
  })),
);

clause('huining-2021 §二(二)2 定额资助200元，先缴费后资助', P,
  ['poverty_registered', 'dibao_rural_class2to4', 'dibao_urban_partial'].map((identity) => ({
    name: `${identity} pays 280 now and gets 200 back`,
    paidOn: '2020-10-10',
    person: { identities: [identity] },
    expect: pays('280.00', '2021-01-01', { subsidy: { identity, amount: '200.00', timing: 'rebate' } }),
    cites: ['huining-2021 §二(二)2、§二(三)2'],
  })),
);

clause('huining-2021 §二(二)3 一个年度仅享受一次资助，就高不就低', P, [
  { name: 'poverty_registered and tekun: the full subsidy', paidOn: '2020-10-10', person: { identities: ['poverty_registered', 'tekun'] }, expect: pays('0.00', '2021-01-01', { subsidy: { identity: 'tekun' } }), cites: ['huining-2021 §二(二)3'] },
  { name: 'the generic dibao code is not one of huining’s classes: no subsidy', paidOn: '2020-10-10', person: { identities: ['dibao'] }, expect: pays('280.00', '2021-01-01', { subsidy: null }) },
]);

clause('huining-2021 §二(一)3 参军和服刑人员原则上不参保，2021年复员或刑满释放的可以参保', P, [
  { name: 'serving, no discharge date', paidOn: '2020-10-10', person: { military: true }, expect: { outcome: 'ineligible' }, cites: ['huining-2021 §二(一)3'] },
  { name: 'discharged 2022-01-01: not this year', paidOn: '2020-10-10', person: { military: true, leavesOn: '2022-01-01' }, expect: { outcome: 'ineligible' } },
  { name: 'released 2021-12-31: may join', paidOn: '2020-10-10', person: { prisoner: true, leavesOn: '2021-12-31' }, expect: pays('280.00', '2021-01-01'), cites: ['huining-2021 §二(一)3'] },
]);

clause('huining-2021 §二(二)4 参军、服刑人员不予资助', P, [
  { name: 'a tekun soldier leaving in 2021 pays the full 280', paidOn: '2020-10-10', person: { military: true, leavesOn: '2021-06-30', identities: ['tekun'] }, expect: pays('280.00', '2021-01-01', { subsidy: null }), cites: ['huining-2021 §二(二)4'] },
]);

clause('huining-2021 §三 缴费期限2020年9月1日至12月10日', P, [
  { name: 'first day', paidOn: '2020-09-01', expect: pays('280.00', '2021-01-01', { entry: 'on_time' }), cites: ['huining-2021 §三'] },
  { name: 'last day', paidOn: '2020-12-10', expect: pays('280.00', '2021-01-01') },
  { name: 'the day after: to the township', paidOn: '2020-12-11', expect: { outcome: 'counter', office: '户籍所在乡（镇）人民政府医保经办' } },
]);

clause('huining-2021 §三 新识别建档立卡贫困人口一个月内参保缴费', P, [
  { name: 'recognised 2021-03-15, paid 2021-04-15: admitted, from the day after', paidOn: '2021-04-15', person: { identities: ['poverty_registered'], newlyRecognizedOn: '2021-03-15' }, expect: pays('280.00', '2021-04-16', { subsidy: { timing: 'rebate', amount: '200.00' }, entry: 'late_entry' }), cites: ['huining-2021 §三'] },
  { name: 'paid 2021-04-16: past the month, to the township', paidOn: '2021-04-16', person: { identities: ['poverty_registered'], newlyRecognizedOn: '2021-03-15' }, expect: { outcome: 'counter' } },
  { name: 'recognised 2021-01-31: the month ends 2021-02-28', paidOn: '2021-02-28', person: { identities: ['poverty_registered'], newlyRecognizedOn: '2021-01-31' }, expect: pays('280.00', '2021-03-01') },
  { name: 'recognised 2021-01-31, paid 2021-03-01: too late', paidOn: '2021-03-01', person: { identities: ['poverty_registered'], newlyRecognizedOn: '2021-01-31' }, expect: { outcome: 'counter' } },
]);

clause('huining-2021 §三 新生儿出生后90天内完成参保缴费', P, [
  { name: 'born 2021-01-01, paid 2021-04-01 (day 90): from birth', paidOn: '2021-04-01', person: { born: '2021-01-01' }, expect: pays('280.00', '2021-01-01', { entry: 'newborn' }), cites: ['huining-2021 §三'] },
  { name: 'born 2021-03-10, paid 2021-03-20: from birth', paidOn: '2021-03-20', person: { born: '2021-03-10' }, expect: pays('280.00', '2021-03-10') },
  { name: 'born 2021-01-01, paid 2021-04-02: to the township', paidOn: '2021-04-02', person: { born: '2021-01-01' }, expect: { outcome: 'counter' } },
]);

clause('huining-2021 §四 2020年10月1日至12月31日出生的新生儿自参保之日起享受', P, [
  { name: 'born 2020-10-01, paid 2020-12-20: from the payment date', paidOn: '2020-12-20', person: { born: '2020-10-01' }, expect: pays('280.00', '2020-12-20', { entry: 'newborn' }), cites: ['huining-2021 §四'] },
  { name: 'born 2020-12-31, paid 2021-02-01: from the payment date', paidOn: '2021-02-01', person: { born: '2020-12-31' }, expect: pays('280.00', '2021-02-01') },
  { name: 'born 2020-09-30, paid 2020-12-20 in its window: from 1 January', paidOn: '2020-12-20', person: { born: '2020-09-30' }, expect: pays('280.00', '2021-01-01') },
]);

describe('huining-2021 §九(二) 整户参保', () => {
  it('every member not in employee insurance and not a school student pays together', () => {
    const q = quote(P, '2020-11-11', [{}, { employeeInsured: true, seq: '002' }, { school: true, born: '2008-08-08' }, { identities: ['orphan'], born: '2012-02-02' }]);
    expect(q.wholeHousehold?.citations).toEqual(['huining-2021 §九(二)']);
    expect(q.members.map((m) => m.outcome)).toEqual(['pay', 'ineligible', 'school', 'pay']);
    expect(q.totalDue).toBe('280.00');
  });
});
