/**
 * What a person's enrolment history (coverage years insured in any scheme) means for the year
 * being quoted: the break immediately before it, the continuous years, whether it was never
 * insured at all. Unknown history (no list) is read as continuous, and the reason says so.
 */
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

/** The repair years that are not among the break's years, for the error message; [] when all are. */
export function repairOutsideBreak(history: History, repairYears: readonly number[]): number[] {
  return repairYears.filter((y) => !history.breakYears.includes(y));
}
