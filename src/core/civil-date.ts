/**
 * Civil (calendar) dates in China Standard Time, as "YYYY-MM-DD" strings.
 *
 * Strings sort in date order, print as the contract wants and need no time zone.
 * Arithmetic goes through a day number (days since 1970-01-01, proleptic Gregorian),
 * computed with integer maths only, so no Date object and no TZ can shift a day.
 * Day counting follows the Civil Code (民法典 第二百零一条、第二百零二条), see POLICIES.md §1.
 */

export type CivilDate = string;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digit at a position, or NaN (so any arithmetic with it fails the range checks). */
function digit(text: string, at: number): number {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Parses "YYYY-MM-DD"; returns null for a malformed or non-existent date (2021-02-30). Hot path: no regex. */
export function parseCivilDate(text: string): YearMonthDay | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (Number.isNaN(year + month + day)) return null;
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCivilDate(text: string): boolean {
  return parseCivilDate(text) !== null;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatCivilDate({ year, month, day }: YearMonthDay): CivilDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function partsOf(date: CivilDate): YearMonthDay {
  const parts = parseCivilDate(date);
  if (!parts) throw new RangeError(`not a calendar date: ${date}`);
  return parts;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = partsOf(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatCivilDate({ year, month, day });
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar month arithmetic with month-end clamping: 2023-08-31 + 6 months = 2024-02-29. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatCivilDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

export function maxDate(a: CivilDate, b: CivilDate): CivilDate {
  return a >= b ? a : b;
}

export function isWithin(date: CivilDate, from: CivilDate, to: CivilDate): boolean {
  return date >= from && date <= to;
}

/** The first day of the month after the given date (自缴费的次月起). */
export function firstOfNextMonth(date: CivilDate): CivilDate {
  const { year, month } = partsOf(date);
  return month === 12 ? formatCivilDate({ year: year + 1, month: 1, day: 1 }) : formatCivilDate({ year, month: month + 1, day: 1 });
}

/** Full years of age on a given day (a person born on 29 Feb turns a year older on 1 Mar in common years). */
export function ageOn(birthDate: CivilDate, on: CivilDate): number {
  const b = partsOf(birthDate);
  const d = partsOf(on);
  const hadBirthday = d.month > b.month || (d.month === b.month && d.day >= b.day);
  return d.year - b.year - (hadBirthday ? 0 : 1);
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * The Shanghai calendar date of an instant (epoch milliseconds).
 * Cloud functions run in UTC; China has no daylight saving, so a fixed +08:00 is exact.
 */
export function shanghaiDateOf(epochMs: number): CivilDate {
  return fromDayNumber(Math.floor((epochMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** Human form for Chinese sentences: 2022年1月1日. */
export function chineseDate(date: CivilDate): string {
  const { year, month, day } = partsOf(date);
  return `${year}年${month}月${day}日`;
}
