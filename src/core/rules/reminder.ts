/**
 * When a household's deadline reminder is due. The deadline is the earliest last day among the
 * members it has still to pay for: a newborn's window (cover from birth is lost after it), or the
 * collection period or its extension. How many days before it the reminder goes is the product's
 * choice (REMIND_DAYS_BEFORE), not a notice's.
 */
import { addDays, maxDate, type CivilDate } from '../civil-date';
import type { MemberQuote } from './types';

export const REMIND_DAYS_BEFORE = 3;

export interface Deadline {
  payBy: CivilDate;
  /** A newborn's window: missing it loses the cover from birth. */
  newborn: boolean;
  memberIds: string[];
}

/** The earliest deadline still ahead (today included) among the members to pay, or null when none has one. */
export function nextDeadline(members: readonly MemberQuote[], today: CivilDate): Deadline | null {
  const dated = members.flatMap((m) => {
    if (m.outcome !== 'pay') return [];
    const payBy = m.newbornPayBy ?? m.payBy;
    return payBy && payBy >= today ? [{ id: m.id, payBy, newborn: m.newbornPayBy !== undefined }] : [];
  });
  if (dated.length === 0) return null;
  const payBy = dated.map((d) => d.payBy).sort()[0]!;
  const first = dated.filter((d) => d.payBy === payBy);
  return { payBy, newborn: first.some((d) => d.newborn), memberIds: first.map((d) => d.id) };
}

/** The day a reminder for `payBy` goes out if asked for today: never today itself, never after the deadline. */
export function reminderDay(payBy: CivilDate, today: CivilDate): CivilDate | null {
  const day = maxDate(addDays(payBy, -REMIND_DAYS_BEFORE), addDays(today, 1));
  return day <= payBy ? day : null;
}
