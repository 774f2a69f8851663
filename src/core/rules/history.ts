/**
 * What a person's enrolment history (coverage years insured in any scheme) means for the year
 * being quoted: the break immediately before it, the continuous years, whether it was never
 * insured at all. Unknown history (no list) is read as continuous, and the reason says so.
 */
import type { Policy } from '../../policies/schema';
import type { PersonFacts } from './types';

export interface History {
  known: boolean;
  /** Uninsured years immediately before the coverage year, newest first (k = its length). */
  breakYears: number[];
  /** Insured years in a row ending the year before the coverage year. */
  continuousBefore: number;
  /** Never insured, and born before the year before the coverage year (a baby has no break). */
  neverEnrolled: boolean;
}

export function readHistory(enrolledYears: readonly number[] | undefined, coverageYear: number, birthYear: number): History {
  if (!enrolledYears) return { known: false, breakYears: [], continuousBefore: 0, neverEnrolled: false };
  const insured = new Set(enrolledYears.filter((y) => y < coverageYear));
  const lastYear = coverageYear - 1;
  if (insured.size === 0) return { known: true, breakYears: [], continuousBefore: 0, neverEnrolled: birthYear < lastYear };
  const latest = Math.max(...insured);
  const breakYears: number[] = [];
  for (let y = lastYear; y > latest; y--) breakYears.push(y);
  let continuousBefore = 0;
  if (breakYears.length === 0) while (insured.has(lastYear - continuousBefore)) continuousBefore++;
  return { known: true, breakYears, continuousBefore, neverEnrolled: false };
}

/** Why a person's back-payment (修复) cannot be taken, in Chinese; null when it can. */
export function repairProblem(policy: Policy, person: PersonFacts): string | null {
  const years = person.repairYears;
  if (!years || years.length === 0) return null;
  if (!policy.national) return `${policy.id}没有补缴修复等待期的规定`;
  if (new Set(years).size !== years.length) return '补缴年度有重复';
  const history = readHistory(person.enrolledYears, policy.coverageYear, Number(person.birthDate.slice(0, 4)));
  const outside = years.filter((y) => !history.breakYears.includes(y));
  if (outside.length === 0) return null;
  const gap = history.breakYears.length > 0 ? `可补缴的断保年度为${[...history.breakYears].reverse().join('、')}` : '没有可补缴的断保年度';
  return `${outside.join('、')}年度不是本年度之前连续断保的年度，${gap}`;
}
