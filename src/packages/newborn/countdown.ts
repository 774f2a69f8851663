/** The time left until the end of a newborn's last day (Shanghai midnight), for the live countdown. */
import { addDays } from '../../core/civil-date';

export function timeLeft(lastDay: string, nowMs: number): { days: number; hours: number; minutes: number } | null {
  // The window ends when the last day ends: 00:00 of the next day in Shanghai (UTC+8, no DST).
  const end = Date.parse(`${addDays(lastDay, 1)}T00:00:00+08:00`);
  const ms = end - nowMs;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
