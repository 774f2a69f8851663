/**
 * The local clock: real time of day on a chosen Shanghai date. The demo county's notices are
 * from 2021–2024, so `npm start` runs on a date when their collection periods are open; the
 * sandbox can move it (POST /sandbox/clock) to show late payers, newborn windows and refunds.
 */
import { isCivilDate, toDayNumber, type CivilDate } from '../core/civil-date';
import type { Clock } from '../core/ports';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export class ShanghaiDayClock implements Clock {
  constructor(
    private today: CivilDate,
    private readonly realNow: () => number = () => Date.now(),
  ) {}

  setToday(date: string): boolean {
    if (!isCivilDate(date)) return false;
    this.today = date;
    return true;
  }

  now(): number {
    const timeOfDay = (((this.realNow() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
    return toDayNumber(this.today) * DAY_MS + timeOfDay - SHANGHAI_OFFSET_MS;
  }
}
