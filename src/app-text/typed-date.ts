/**
 * A date as people type it: 2023-09-10, 2023-9-10, 2023.9.10, 2023/9/10, 20230910,
 * 2023年9月10日. Answers the calendar date, or null while it is not (yet) one.
 */
import { formatCivilDate, isCivilDate, type CivilDate } from '../core/civil-date';

const SEPARATED = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function readTypedDate(text: string): CivilDate | null {
  const m = SEPARATED.exec(text.trim()) ?? COMPACT.exec(text.trim());
  if (!m) return null;
  const date = formatCivilDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  return isCivilDate(date) ? date : null;
}
