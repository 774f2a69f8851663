/**
 * A coverage year known to be on sale somewhere, whose local notice we have not found: no
 * standard, window or subsidy is invented. A quote for it sends every member to the counter
 * ("标准待公布"), until a bureau publishes the year as data (the publishing issue). What is known
 * is kept with its certainty (shared/POLICY-2025-2027.md's tags), for the operator, not the price.
 */
import { z } from 'zod';

const CERTAINTY = ['CONFIRMED', 'CONFIRMED-MIRROR', 'SECONDHAND', 'SECONDHAND-LOW', 'INFERRED'] as const;

export const pendingYearSchema = z.object({
  id: z.string().regex(/^[a-z]+-\d{4}$/),
  region: z.object({ code: z.string().regex(/^[a-z]+$/), name: z.string().min(1) }),
  coverageYear: z.number().int().min(2025).max(2100),
  /** Where the research stands, cited (e.g. "POLICY-2025-2027.md §2.5"). */
  cite: z.string().min(4),
  counterOffice: z.string().min(2),
  /** What the research found, each with its certainty; none of it prices a quote. */
  found: z.array(z.object({ topic: z.string().min(1), value: z.string().min(1), certainty: z.enum(CERTAINTY) })),
  /** What a publishable year still needs. */
  missing: z.array(z.string().min(1)).min(1),
});

export type PendingYear = z.output<typeof pendingYearSchema>;
export type PendingYearInput = z.input<typeof pendingYearSchema>;

/** The one sentence every member of a pending year gets. */
export function pendingReason(year: PendingYear): string {
  return `${year.region.name}${year.coverageYear}年度居民医保的缴费标准待公布（本系统尚未收到当地${year.coverageYear}年度征缴通知），暂不能在线计算和缴费，请到${year.counterOffice}咨询。`;
}
