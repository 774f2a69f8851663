/**
 * A newborn's window under a policy: its last day and what follows it. Used by the quote (entry.ts)
 * and by registration, so the countdown a parent sees is the one the price comes from.
 */
import { counterText } from '../../policies/counter';
import type { Policy } from '../../policies/schema';
import { addDays, addMonths, chineseDate, isWithin, type CivilDate } from '../civil-date';

export interface NewbornWindow {
  /** The last day to register and pay on the newborn terms (inclusive). */
  lastDay: CivilDate;
  /** "出生后90日内" / "出生后6个月内". */
  span: string;
  /** What a payment after the last day gets, in words. */
  afterwards: string;
  cites: string[];
}

export function newbornWindow(policy: Policy, birthDate: CivilDate): NewbornWindow | null {
  const rule = policy.newborn;
  if (rule.kind !== 'window') return null;
  const { unit, length, cite } = rule.window;
  const lastDay = unit === 'days' ? addDays(birthDate, length) : addMonths(birthDate, length);
  const after = rule.afterWindow;
  const afterwards = {
    counter: `${chineseDate(lastDay)}以后不能在线参保，需到${counterText(policy)}办理`,
    day_after_payment: `${chineseDate(lastDay)}以后参保的，自缴费次日起享受待遇，出生至缴费期间的医疗费用不能报销`,
    first_of_next_month: `${chineseDate(lastDay)}以后参保的，自缴费次月起享受待遇，出生至缴费期间的医疗费用不能报销`,
    as_any_resident: `${chineseDate(lastDay)}以后参保的，按普通居民缴费，设待遇等待期，出生至待遇开始期间的医疗费用不能报销`,
  }[after.start];
  return { lastDay, span: unit === 'days' ? `出生后${length}日内` : `出生后${length}个月内`, afterwards, cites: [cite, after.cite] };
}

/** Whether the newborn terms still apply: the window is open, or the child was born in the coverage year. */
export function isNewborn(policy: Policy, birthDate: CivilDate, on: CivilDate): boolean {
  const window = newbornWindow(policy, birthDate);
  if (!window) return false;
  return on <= window.lastDay || isWithin(birthDate, policy.coverage.start.value, policy.coverage.end.value);
}
