/** How amounts, dates and outcomes are said on screen: one place, so no page says them differently. */
import { chineseDate } from '../core/civil-date';
import { IDENTITY_LABELS, AGE_SUBSIDY_LABELS, type SubsidyCode } from '../core/vocabulary';
import type { QuotedMember } from '../contracts/replies';

/** "320.00 元": always two decimals, always the unit. */
export const yuan = (amount: string) => `${amount} 元`;

export const day = (date: string) => chineseDate(date);

export const OUTCOME_LABELS: Record<QuotedMember['outcome'], string> = {
  pay: '可以缴费',
  enrolled: '已参保',
  school: '在学校参保',
  ineligible: '不能参加',
  counter: '请到窗口办理',
};

export const ENTRY_LABELS: Record<string, string> = {
  on_time: '按时缴费',
  extended: '延长期内缴费',
  newborn: '新生儿参保',
  late_entry: '中途参保',
  late: '逾期缴费',
};

/** The category of a subsidy, shown only inside the explanation the payer opens (PIPL: sensitive). */
export function subsidyCategory(code: string): string {
  return (IDENTITY_LABELS as Record<string, string>)[code] ?? (AGE_SUBSIDY_LABELS as Record<string, string>)[code as SubsidyCode] ?? '政府资助';
}

export const TIMING_LABELS = { offset: '缴费时直接减免', rebate: '先全额缴费，之后返还' } as const;
