/**
 * The demo county's 2027 year on the national layer (shared/spec/DEMO_REGION.md, 国办发〔2024〕38号):
 * one table per clause, with the background file's worked examples.
 */
import { describe, expect, it } from 'vitest';
import { answerQuote, quoteJson, type QuoteRequest } from '../../src/contracts/quote';
import { AnswerError } from '../../src/contracts/errors';
import { loadPolicy, policyOnSale } from '../../src/policies/registry';
import demo2027 from '../../src/policies/data/demo-2027';
import { quoteHousehold } from '../../src/core/rules/quote';
import { clause, pays, person, quoteOne, type PersonSpec } from '../support/people';

const P = 'demo-2027';
const WAITING = '国办发〔2024〕38号 待遇等待期';
const REPAIR = '国办发〔2024〕38号 待遇等待期（修复）';
const FLOOR = '国办发〔2024〕38号 待遇等待期（连续断缴4年及以上）';
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Insured up to and including `last`: the break is every year after it up to 2026. */
const insuredUntil = (last: number): PersonSpec => ({ enrolledYears: years(2015, last) });
const wait = (fixedMonths: number, variableMonths: number, from: string, benefitsFrom: string) => ({ waitingPeriod: { fixedMonths, variableMonths, from, benefitsFrom } });

clause('demo-2027 §个人缴费 400.00；§集中参保期 2026-09-01至2027-02-28，连续参保者全年享受', P, [
  { name: 'continuous, paid today (2026-12-02): 400.00, no wait', paidOn: '2026-12-02', person: insuredUntil(2026), expect: pays('400.00', '2027-01-01', { standard: '400.00', coverageEnd: '2027-12-31', entry: 'on_time', waitingPeriod: null, repair: null }), cites: ['demo-2027 §个人缴费', 'demo-2027 §集中参保期'] },
  { name: 'first day of the period', paidOn: '2026-09-01', person: insuredUntil(2026), expect: pays('400.00', '2027-01-01') },
  { name: 'last day, inside the coverage year: still from 1 January', paidOn: '2027-02-28', person: insuredUntil(2026), expect: pays('400.00', '2027-01-01', { waitingPeriod: null }) },
  { name: 'history unknown: treated as continuous, and said so', paidOn: '2026-12-02', expect: pays('400.00', '2027-01-01', { waitingPeriod: null, incentive: null }) },
]);

clause('demo-2027 §资助 单项最高，抵扣', P, [
  { name: 'tekun pays 0.00', paidOn: '2026-12-02', person: { identities: ['tekun'] }, expect: pays('0.00', '2027-01-01', { subsidy: { identity: 'tekun', amount: '400.00', timing: 'offset' } }), cites: ['demo-2027 §资助'] },
  { name: 'orphan pays 0.00', paidOn: '2026-12-02', person: { identities: ['orphan'] }, expect: pays('0.00', '2027-01-01') },
  { name: 'de_facto_orphan pays 0.00', paidOn: '2026-12-02', person: { identities: ['de_facto_orphan'] }, expect: pays('0.00', '2027-01-01') },
  { name: 'dibao pays 120.00', paidOn: '2026-12-02', person: { identities: ['dibao'] }, expect: pays('120.00', '2027-01-01', { subsidy: { identity: 'dibao', amount: '280.00' } }) },
  { name: 'poverty_relapsed pays 200.00', paidOn: '2026-12-02', person: { identities: ['poverty_relapsed'] }, expect: pays('200.00', '2027-01-01') },
  { name: 'poverty_monitored pays 200.00', paidOn: '2026-12-02', person: { identities: ['poverty_monitored'] }, expect: pays('200.00', '2027-01-01') },
  { name: 'dibao and tekun: the higher, once', paidOn: '2026-12-02', person: { identities: ['dibao', 'tekun'] }, expect: pays('0.00', '2027-01-01', { subsidy: { identity: 'tekun' } }), cites: ['demo-2027 §资助（就高，不重复）'] },
]);

clause('国办发〔2024〕38号 待遇等待期：断保k年 → 3 + (k−1) 个月，期内缴费自1月1日起算', P, [
  { name: 'broke 2026 (k = 1): 3 months → from 2027-04-01', paidOn: '2026-12-02', person: insuredUntil(2025), expect: pays('400.00', '2027-04-01', { ...wait(3, 0, '2027-01-01', '2027-04-01'), repairOffer: null }), cites: [WAITING] },
  { name: 'worked example: broke 2025 and 2026 (k = 2) → 4 months → from 2027-05-01', paidOn: '2026-11-20', person: insuredUntil(2024), expect: pays('400.00', '2027-05-01', { ...wait(3, 1, '2027-01-01', '2027-05-01'), waitingPeriodEnds: '2027-04-30' }), cites: [WAITING] },
  { name: 'k = 2 is offered the repair of 2026 (400.00) → from 2027-04-01', paidOn: '2026-11-20', person: insuredUntil(2024), expect: pays('400.00', '2027-05-01', { repairOffer: { years: [2026], amount: '400.00', benefitsFrom: '2027-04-01' } }), cites: [REPAIR] },
  { name: 'k = 3 → 5 months → from 2027-06-01', paidOn: '2026-12-02', person: insuredUntil(2023), expect: pays('400.00', '2027-06-01', wait(3, 2, '2027-01-01', '2027-06-01')) },
  { name: 'k = 5 → 7 months → from 2027-08-01', paidOn: '2026-12-02', person: insuredUntil(2021), expect: pays('400.00', '2027-08-01', wait(3, 4, '2027-01-01', '2027-08-01')), cites: [FLOOR] },
  { name: 'never insured, born 1980: the fixed 3 months only (demo 决定)', paidOn: '2026-12-02', person: { enrolledYears: [] }, expect: pays('400.00', '2027-04-01', wait(3, 0, '2027-01-01', '2027-04-01')), cites: ['demo-2027 §等待期（从未参保只设固定等待期，demo 决定）'] },
  { name: 'never insured, born 2026: no break', paidOn: '2026-12-02', person: { born: '2026-03-01', enrolledYears: [] }, expect: pays('400.00', '2027-01-01', { waitingPeriod: null }) },
  { name: 'employee insurance in 2026 counts as insured (any scheme)', paidOn: '2026-12-02', person: { enrolledYears: [2024, 2025, 2026] }, expect: pays('400.00', '2027-01-01', { waitingPeriod: null }) },
]);

clause('国办发〔2024〕38号 待遇等待期：未在集中参保期内参保的，自缴费之日起算', P, [
  { name: 'continuous, paid 2027-03-10 → 3 months → from 2027-06-11', paidOn: '2027-03-10', person: insuredUntil(2026), expect: pays('400.00', '2027-06-11', { entry: 'late', ...wait(3, 0, '2027-03-10', '2027-06-11'), waitingPeriodEnds: '2027-06-10' }), cites: [WAITING] },
  { name: 'k = 2, paid 2027-03-10 → 4 months → from 2027-07-11', paidOn: '2027-03-10', person: insuredUntil(2024), expect: pays('400.00', '2027-07-11', wait(3, 1, '2027-03-10', '2027-07-11')) },
  { name: 'paid 2027-09-29: benefits from 2027-12-30', paidOn: '2027-09-29', person: insuredUntil(2026), expect: pays('400.00', '2027-12-30') },
  { name: 'paid 2027-09-30: one day of benefits, 2027-12-31', paidOn: '2027-09-30', person: insuredUntil(2026), expect: pays('400.00', '2027-12-31') },
  { name: 'paid 2027-10-01: the wait outlasts the year, nothing charged', paidOn: '2027-10-01', person: insuredUntil(2026), expect: { outcome: 'ineligible' } },
]);

clause('国办发〔2024〕38号 待遇等待期（修复）：每补缴1年减少1个月变动等待期，按当年个人缴费标准', P, [
  { name: 'contract example: k = 2, repairs 2026 → due 800.00, from 2027-04-01', paidOn: '2026-11-20', person: { enrolledYears: years(2019, 2024), repairYears: [2026] }, expect: pays('800.00', '2027-04-01', { standard: '400.00', repair: { years: [2026], amount: '400.00' }, ...wait(3, 0, '2027-01-01', '2027-04-01'), repairOffer: null }), cites: [REPAIR] },
  { name: 'any year of the break may be repaired (2025)', paidOn: '2026-11-20', person: { ...insuredUntil(2024), repairYears: [2025] }, expect: pays('800.00', '2027-04-01') },
  { name: 'k = 3, one repaired: 4 months, one more offered', paidOn: '2026-12-02', person: { ...insuredUntil(2023), repairYears: [2026] }, expect: pays('800.00', '2027-05-01', { ...wait(3, 1, '2027-01-01', '2027-05-01'), repairOffer: { years: [2025], amount: '400.00', benefitsFrom: '2027-04-01' } }) },
  { name: 'a subsidised payer repairs at the full personal rate: 200.00 + 400.00', paidOn: '2026-12-02', person: { identities: ['poverty_monitored'], ...insuredUntil(2024), repairYears: [2026] }, expect: pays('600.00', '2027-04-01', { subsidy: { identity: 'poverty_monitored', amount: '200.00' }, repair: { years: [2026], amount: '400.00' } }) },
  { name: 'after the period: k = 2, repaired → 3 months from payment', paidOn: '2027-03-10', person: { ...insuredUntil(2024), repairYears: [2026] }, expect: pays('800.00', '2027-06-11', wait(3, 0, '2027-03-10', '2027-06-11')) },
]);

clause('国办发〔2024〕38号 待遇等待期（连续断缴4年及以上）：修复后不少于6个月', P, [
  { name: 'k = 4: 6 months, and a repair would not shorten it (none offered)', paidOn: '2026-12-02', person: insuredUntil(2022), expect: pays('400.00', '2027-07-01', { ...wait(3, 3, '2027-01-01', '2027-07-01'), repairOffer: null }), cites: [FLOOR] },
  { name: 'k = 5: 7 months, one repair offered down to 6', paidOn: '2026-12-02', person: insuredUntil(2021), expect: pays('400.00', '2027-08-01', { repairOffer: { years: [2026], amount: '400.00', benefitsFrom: '2027-07-01' } }) },
  { name: 'k = 5, one repaired: 6 months', paidOn: '2026-12-02', person: { ...insuredUntil(2021), repairYears: [2026] }, expect: pays('800.00', '2027-07-01', { ...wait(3, 3, '2027-01-01', '2027-07-01'), repairOffer: null }) },
  { name: 'k = 5, three repaired: still 6 months', paidOn: '2026-12-02', person: { ...insuredUntil(2021), repairYears: [2026, 2025, 2024] }, expect: pays('1600.00', '2027-07-01', wait(3, 3, '2027-01-01', '2027-07-01')) },
]);

clause('demo-2027 §等待期（免等待期人员，demo 决定）：特困、孤儿、事实无人抚养儿童、低保、返贫致贫，职工医保中断90日内', P, [
  { name: 'dibao with a 2-year break, in the period: from 1 January, 120.00', paidOn: '2026-12-02', person: { identities: ['dibao'], ...insuredUntil(2024) }, expect: pays('120.00', '2027-01-01', { waitingPeriod: null, repairOffer: null }), cites: ['demo-2027 §等待期（免等待期人员，demo 决定）'] },
  { name: 'tekun after the period: from the day after payment', paidOn: '2027-03-10', person: { identities: ['tekun'], ...insuredUntil(2026) }, expect: pays('0.00', '2027-03-11', { waitingPeriod: null }) },
  { name: 'poverty_relapsed, never insured: no wait', paidOn: '2026-12-02', person: { identities: ['poverty_relapsed'], enrolledYears: [] }, expect: pays('200.00', '2027-01-01', { waitingPeriod: null }) },
  { name: 'poverty_monitored is not on the list: waits', paidOn: '2026-12-02', person: { identities: ['poverty_monitored'], ...insuredUntil(2024) }, expect: pays('200.00', '2027-05-01', wait(3, 1, '2027-01-01', '2027-05-01')) },
  { name: 'employee insurance ended 2027-01-15, paid 2027-03-10 (54 days): from 2027-03-11', paidOn: '2027-03-10', person: { employeeHistory: { continuousYears: 10, endedOn: '2027-01-15' } }, expect: pays('400.00', '2027-03-11', { waitingPeriod: null }) },
  { name: 'ended 2026-12-10, paid 2027-03-10 (90 days): still exempt', paidOn: '2027-03-10', person: { employeeHistory: { continuousYears: 1, endedOn: '2026-12-10' } }, expect: pays('400.00', '2027-03-11') },
  { name: 'ended 2026-12-09, paid 2027-03-10 (91 days): 3 months', paidOn: '2027-03-10', person: { employeeHistory: { continuousYears: 1, endedOn: '2026-12-09' } }, expect: pays('400.00', '2027-06-11') },
]);

clause('demo-2027 §新生儿 出生90日内缴费，自出生或2027-01-01（较晚者）起，无等待期', P, [
  { name: 'born 2026-11-15 (across the year boundary), paid today: from 2027-01-01', paidOn: '2026-12-02', person: { born: '2026-11-15', enrolledYears: [] }, expect: pays('400.00', '2027-01-01', { entry: 'newborn', waitingPeriod: null }), cites: ['demo-2027 §新生儿'] },
  { name: 'born 2027-01-10, paid 2027-04-10 (day 90): from birth', paidOn: '2027-04-10', person: { born: '2027-01-10' }, expect: pays('400.00', '2027-01-10', { entry: 'newborn' }) },
  { name: 'born 2027-01-10, paid 2027-04-11: as anyone paying after the period, 3 months', paidOn: '2027-04-11', person: { born: '2027-01-10', enrolledYears: [] }, expect: pays('400.00', '2027-07-12', { entry: 'late', ...wait(3, 0, '2027-04-11', '2027-07-12') }) },
  { name: 'a newborn orphan: free from birth', paidOn: '2027-03-01', person: { born: '2027-02-01', identities: ['orphan'] }, expect: pays('0.00', '2027-02-01', { entry: 'newborn' }) },
]);

clause('demo-2027 §激励（金额同山东）：满4年后每连续1年、上年零报销各提高3000，合计不超过60000；断保再参保降低3000', P, [
  { name: '5th continuous year: +3000', paidOn: '2026-12-02', person: { enrolledYears: years(2023, 2026) }, expect: pays('400.00', '2027-01-01', { incentive: { continuousYears: 5, capIncrease: '3000.00' } }), cites: ['demo-2027 §激励（金额同山东）'] },
  { name: '4th continuous year: no raise yet', paidOn: '2026-12-02', person: { enrolledYears: years(2024, 2026) }, expect: pays('400.00', '2027-01-01', { incentive: { continuousYears: 4, capIncrease: '0.00' } }) },
  { name: '9th year and claim-free: 15000 + 3000', paidOn: '2026-12-02', person: { enrolledYears: years(2019, 2026), claimFreeLastYear: true }, expect: pays('400.00', '2027-01-01', { incentive: { continuousYears: 9, capIncrease: '18000.00' } }) },
  { name: '28th year: capped at 20% of 300000', paidOn: '2026-12-02', person: { enrolledYears: years(2000, 2026), claimFreeLastYear: true }, expect: pays('400.00', '2027-01-01', { incentive: { continuousYears: 28, capIncrease: '60000.00' } }) },
  { name: 'claim-free in the 2nd year: +3000', paidOn: '2026-12-02', person: { enrolledYears: [2026], claimFreeLastYear: true }, expect: pays('400.00', '2027-01-01', { incentive: { continuousYears: 2, capIncrease: '3000.00' } }) },
  { name: 're-entry after a break: the count restarts, −3000', paidOn: '2026-12-02', person: { ...insuredUntil(2024), claimFreeLastYear: true }, expect: pays('400.00', '2027-05-01', { incentive: { continuousYears: 1, capIncrease: '-3000.00' } }) },
]);

clause('demo-2027 §参保范围', P, [
  { name: 'employee-insured: not in this scheme', paidOn: '2026-12-02', person: { employeeInsured: true }, expect: { outcome: 'ineligible' }, cites: ['demo-2027 §参保范围'] },
  { name: 'non-local with a residence permit pays', paidOn: '2026-12-02', person: { hukou: 'nonlocal', residencePermit: true }, expect: pays('400.00', '2027-01-01') },
  { name: 'non-local without one: the counter', paidOn: '2026-12-02', person: { hukou: 'nonlocal' }, expect: { outcome: 'counter' } },
  { name: 'a student enrols through the school', paidOn: '2026-12-02', person: { born: '2010-05-05', school: true }, expect: { outcome: 'school' } },
]);

function refused(spec: PersonSpec, paidOn = '2026-12-02', household?: PersonSpec[]): AnswerError {
  const req = { policy: P, paidOn, household: (household ?? [spec]).map((p) => person(P, p)) } as QuoteRequest;
  try {
    answerQuote(req);
  } catch (e) {
    if (e instanceof AnswerError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('requests the rules refuse (INVALID_REQUEST, a Chinese message)', () => {
  it('a repair year outside the break', () => {
    const e = refused({ ...insuredUntil(2024), repairYears: [2024] });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('可补缴的断保年度为2025、2026');
  });
  it('a repair with no break, or history unknown', () => {
    expect(refused({ repairYears: [2026] }).message).toContain('没有可补缴的断保年度');
    expect(refused({ enrolledYears: [], repairYears: [2026] }).code).toBe('INVALID_REQUEST');
  });
  it('the same repair year twice', () => {
    expect(refused({ ...insuredUntil(2023), repairYears: [2026, 2026] }).message).toContain('重复');
  });
  it('a repair under a notice without the national layer', () => {
    const req = { policy: 'dingtao-2024', paidOn: '2023-10-01', household: [person('dingtao-2024', { repairYears: [2023] })] } as QuoteRequest;
    expect(() => answerQuote(req)).toThrow(/没有补缴修复等待期的规定/);
  });
  it('the same person twice in a household is never charged twice', () => {
    const e = refused({}, '2026-12-02', [{}, { name: '李四' }]);
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('同一个人');
  });
  it('a birth date that contradicts the ID number', () => {
    const e = refused({ born: '1980-05-05', birthDate: '1950-05-05' });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('1980-05-05');
  });
  it('employee insurance that ends after the payment date', () => {
    expect(refused({ employeeHistory: { continuousYears: 3, endedOn: '2026-12-31' } }).message).toContain('晚于缴费日期');
  });
});

describe('demo-2027 on the real date', () => {
  it('is on sale on 2026-12-02 (its period opened 2026-09-01)', () => {
    expect(policyOnSale('demo', '2026-12-02')?.id).toBe('demo-2027');
    expect(policyOnSale('demo', '2026-08-31')?.id).toBe('demo-2026');
  });
  it('an early-year window (where a region has one): continuous payers have no wait, others wait from payment', () => {
    const early = loadPolicy({
      ...demo2027,
      collection: { ...demo2027.collection, closes: { value: '2026-12-31', cite: 'x §1' } },
      national: { ...demo2027.national, earlyWindow: { until: '2027-02-28', start: 'day_after_payment', cite: 'x §早期窗口' } },
    });
    const facts = (spec: PersonSpec) => {
      const p = person(P, spec);
      return { id: p.id, name: p.name, idKind: 'resident' as const, birthDate: '1980-05-05', identities: [], employeeInsured: false, school: false, migrantWorker: false, military: false, prisoner: false, hukou: 'local' as const, residencePermit: false, paid: false, ...(spec.enrolledYears ? { enrolledYears: spec.enrolledYears } : {}) };
    };
    const q = quoteHousehold(early, [facts(insuredUntil(2026)), facts(insuredUntil(2024))], '2027-02-10');
    if ('code' in q) throw new Error(q.message);
    expect(q.members[0]).toMatchObject({ outcome: 'pay', coverageStart: '2027-02-11', waitingPeriod: null, citations: expect.arrayContaining(['x §早期窗口']) });
    expect(q.members[1]).toMatchObject({ outcome: 'pay', coverageStart: '2027-06-11', waitingPeriod: { fixedMonths: 3, variableMonths: 1, from: '2027-02-10' } });
  });
  it('the reason explains the wait and the repair before paying', () => {
    const m = quoteOne(P, '2026-11-20', insuredUntil(2024));
    expect(m.reason).toContain('断保2年');
    expect(m.reason).toContain('2027年5月1日起享受待遇');
    expect(m.reason).toContain('补缴2026年度（400.00元）可提前到2027年4月1日');
    expect(quoteOne(P, '2026-12-02').reason).toContain('按连续参保计算');
    expect(quoteOne(P, '2026-12-02', { enrolledYears: years(2020, 2026) }).reason).toContain('连续参保第8年：大病保险最高支付限额提高12000.00元');
  });
  it('the answer lists the national fields only under the national layer', () => {
    const q = quoteJson('t', answerQuote({ policy: 'dingtao-2024', paidOn: '2023-10-01', household: [person('dingtao-2024')] } as QuoteRequest));
    expect(q.members[0]).not.toHaveProperty('waitingPeriod');
  });
});
