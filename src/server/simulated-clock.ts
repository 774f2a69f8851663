/**
 * The local clock: the real time, or real time of day on a chosen Shanghai date. `npm start`
 * follows the real date (the demo county's current year is on sale) unless YIBAO_TODAY names
 * another; the sandbox can move it (POST /sandbox/clock) to show the historical notices, late
 * payers, newborn windows and refunds.
 */
import { isCivilDate, toDayNumber, type CivilDate } from '../core/civil-date';
import type { Clock } from '../core/ports';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export class ShanghaiDayClock implements Clock {
  /** `today` null: the real Shanghai date, until the sandbox sets one. */
  constructor(
    private today: CivilDate | null,
    private readonly realNow: () => number = () => Date.now(),
  ) {}

  setToday(date: string): boolean {
    if (!isCivilDate(date)) return false;
    this.today = date;
    return true;
  }

  now(): number {
    if (this.today === null) return this.realNow();
    const timeOfDay = (((this.realNow() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
    return toDayNumber(this.today) * DAY_MS + timeOfDay - SHANGHAI_OFFSET_MS;
  }
}
