import { describe, expect, it } from 'vitest';
import { clause, idNumber, pays, quote } from '../support/people';

const P = 'zhaoqing-2021';

clause('zhaoqing-2021 §二(二) 个人缴费290元，2020年9月30日至12月28日参保', P, [
  { name: 'first day', paidOn: '2020-09-30', expect: pays('290.00', '2021-01-01', { standard: '290.00', coverageEnd: '2021-12-31' }), cites: ['zhaoqing-2021 §二(二)'] },
  { name: 'last day', paidOn: '2020-12-28', expect: pays('290.00', '2021-01-01') },
  { name: 'the day after: late payment is not stated, counter', paidOn: '2020-12-29', expect: { outcome: 'counter', office: '参保地县（市、区）医疗保障经办机构' } },
  { name: 'a newborn in 2021: not stated, counter', paidOn: '2021-02-01', person: { born: '2021-01-10' }, expect: { outcome: 'counter' } },
]);

clause('zhaoqing-2021 §一(二) 困难人员资助（金额见肇府规〔2019〕6号，待核定；名单「…低收入救助对象等」开放）', P,
  ['tekun', 'orphan', 'de_facto_orphan', 'dibao', 'dibao_marginal', 'poverty_registered', 'poverty_relapsed', 'poverty_monitored', 'disabled_severe', 'veteran_preferential'].map((identity) => ({
    name: `${identity}: never a guessed amount`,
    paidOn: '2020-10-10',
    person: { identities: [identity] },
    expect: { outcome: 'counter' },
    cites: ['zhaoqing-2021 §一(二)'],
  })),
);

clause('zhaoqing-2021 §一(一) 已参加职工医保的不再重复参加', P, [
  { name: 'employee-insured', paidOn: '2020-10-10', person: { employeeInsured: true }, expect: { outcome: 'ineligible' }, cites: ['zhaoqing-2021 §一(一)'] },
]);

clause('zhaoqing-2021 §一(三) 持本市居住证的居民（含港澳人员）同等参保，学生参保', P, [
  { name: 'non-local with a permit', paidOn: '2020-10-10', person: { hukou: 'nonlocal', residencePermit: true }, expect: pays('290.00', '2021-01-01'), cites: ['zhaoqing-2021 §一(三)'] },
  { name: 'non-local without a permit: counter', paidOn: '2020-10-10', person: { hukou: 'nonlocal' }, expect: { outcome: 'counter' } },
  { name: 'a student: through the school', paidOn: '2020-10-10', person: { school: true }, expect: { outcome: 'school' } },
]);

describe('zhaoqing-2021 §一(三) 港澳人员', () => {
  it('a Macau residence-permit holder pays 290', () => {
    expect(quote(P, '2020-10-10', [{ id: idNumber('820000', '1988-03-03'), name: '何伟' }]).members[0]).toMatchObject(pays('290.00', '2021-01-01'));
  });
});
