/**
 * A newborn's birth year sold beside the year on sale (医保办函〔2021〕11号 第十条: cover from birth
 * needs the birth year's premium), on the demo county's two years (DEMO_REGION.md §Newborns) and a
 * year that lets a child pay both years after the first has ended (肇庆 2024 practice).
 */
import { describe, expect, it } from 'vitest';
import { householdFacts } from '../../src/contracts/quote';
import { BIRTH_YEAR_CITE, birthYearQuote } from '../../src/core/rules/birth-year';
import demo2027 from '../../src/policies/data/demo-2027';
import { findPolicy, loadPolicy } from '../../src/policies/registry';
import { person } from '../support/people';

const demo2026 = findPolicy('demo-2026')!;
const onSale = findPolicy('demo-2027')!;
const BOTH_YEARS = '示例 §新生儿（跨两个年度可缴纳两个年度）';
const bothYears = loadPolicy({ ...demo2027, newborn: { ...demo2027.newborn, bothYears: BOTH_YEARS } } as typeof demo2027);

function child(born: string, paidOn: string, extra: Record<string, unknown> = {}) {
  return householdFacts([person('demo-2027', { born, enrolledYears: [], ...extra } as never)], paidOn);
}

function offer(born: string, paidOn: string, sale = onSale, extra: Record<string, unknown> = {}) {
  const household = child(born, paidOn, extra);
  return birthYearQuote(demo2026, sale, household[0]!, household, paidOn);
}

describe('医保办函〔2021〕11号 第十条：缴纳出生当年保费，自出生之日起报销', () => {
  it.each([
    { name: 'born 2026-11-10, today 2026-12-02 (day 22): 2026 from birth, 400.00', born: '2026-11-10', paidOn: '2026-12-02' },
    { name: 'born 2026-09-05, paid on day 90 (2026-12-04)', born: '2026-09-05', paidOn: '2026-12-04' },
    { name: 'born 2026-12-31, paid the same day', born: '2026-12-31', paidOn: '2026-12-31' },
  ])('$name', ({ born, paidOn }) => {
    const q = offer(born, paidOn)!;
    expect(q).toMatchObject({ outcome: 'pay', entry: 'newborn', due: 40000, coverageStart: born, coverageEnd: '2026-12-31' });
    expect(q.citations).toContain(BIRTH_YEAR_CITE);
    expect(q.citations).toContain('demo-2026 §新生儿');
    expect(q.reason).toMatch(/^出生当年（2026年度）保费：/);
  });

  it.each([
    { name: 'window over: born 2026-09-01, day 92', born: '2026-09-01', paidOn: '2026-12-02' },
    { name: 'born in the year on sale (2027-01-05): nothing to add', born: '2027-01-05', paidOn: '2027-01-20' },
    { name: 'born 2025-12-20: its birth year is not the year before the one on sale', born: '2025-12-20', paidOn: '2026-01-10' },
    { name: 'the birth year has ended and the year on sale says nothing of both years', born: '2026-12-20', paidOn: '2027-01-05' },
  ])('not offered: $name', ({ born, paidOn }) => {
    expect(offer(born, paidOn)).toBeNull();
  });

  it('its last day is the birth year\'s end where the window runs past it and the year on sale does not sell both years', () => {
    // Born 2026-11-10: the 90-day window runs to 2027-02-08, but 2026 is not sold after 2026-12-31 here.
    expect(offer('2026-11-10', '2026-12-02')!.newbornPayBy).toBe('2026-12-31');
    expect(offer('2026-11-10', '2026-12-02', bothYears)!.newbornPayBy).toBe('2027-02-08');
  });

  it('already enrolled in the birth year: not offered again', () => {
    expect(offer('2026-11-10', '2026-12-02', onSale, { paid: true })).toBeNull();
  });

  it('a subsidy of the birth year applies (a newborn orphan pays 0.00 from birth)', () => {
    expect(offer('2026-11-10', '2026-12-02', onSale, { identities: ['orphan'] })).toMatchObject({ due: 0, coverageStart: '2026-11-10' });
  });
});

describe('跨两个年度的新生儿可缴纳两个年度（where the year on sale says so）', () => {
  it('born 2026-12-20, paid 2027-01-05 (the birth year ended): 2026 at its own price, from birth, citing both clauses', () => {
    const q = offer('2026-12-20', '2027-01-05', bothYears)!;
    expect(q).toMatchObject({ due: 40000, coverageStart: '2026-12-20', coverageEnd: '2026-12-31', newbornPayBy: '2027-03-20' });
    expect(q.citations).toEqual(expect.arrayContaining([BIRTH_YEAR_CITE, BOTH_YEARS]));
  });

  it('not once the window has closed', () => {
    expect(offer('2026-10-01', '2027-01-05', bothYears)).toBeNull();
  });
});
