import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, firstOfNextMonth, fromDayNumber, isCivilDate, shanghaiDateOf, toDayNumber } from '../../src/core/civil-date';

describe('POLICIES.md §1 民法典期间计算', () => {
  it.each([
    ['自出生之日起90日内', () => addDays('2022-01-01', 90), '2022-04-01'],
    ['自出生之日起6个月内 (month end, leap year)', () => addMonths('2023-08-31', 6), '2024-02-29'],
    ['自缴费次日起享受', () => addDays('2022-03-05', 1), '2022-03-06'],
    ['自缴费的次月起享受', () => firstOfNextMonth('2024-03-05'), '2024-04-01'],
    ['缴费30日后方可享受', () => addDays('2021-01-05', 31), '2021-02-05'],
    ['3个月等待期', () => addDays(addMonths('2024-01-15', 3), 1), '2024-04-16'],
  ])('%s', (_, compute, expected) => expect(compute()).toBe(expected));

  it('clamps to the month end in common years and keeps the day otherwise', () => {
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2021-03-31', 1)).toBe('2021-04-30');
    expect(addMonths('2021-11-15', 3)).toBe('2022-02-15');
    expect(addMonths('2100-01-29', 1)).toBe('2100-02-28');
    expect(addMonths('2000-01-29', 1)).toBe('2000-02-29');
  });

  it('December rolls into the next year', () => expect(firstOfNextMonth('2024-12-31')).toBe('2025-01-01'));
});

describe('calendar dates', () => {
  it('refuses dates that do not exist', () => {
    for (const bad of ['2021-02-29', '2021-02-30', '2100-02-29', '2021-13-01', '2021-00-10', '2021-1-1', '20210101', '']) expect(isCivilDate(bad)).toBe(false);
    for (const good of ['2020-02-29', '2000-02-29', '2021-12-31']) expect(isCivilDate(good)).toBe(true);
  });

  it('day numbers round-trip across centuries and leap days', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    for (let n = -30000; n < 60000; n += 37) expect(toDayNumber(fromDayNumber(n))).toBe(n);
    expect(addDays('2020-02-28', 2)).toBe('2020-03-01');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
  });

  it('counts age in full years, a 29 February birthday included', () => {
    expect(ageOn('1961-01-01', '2021-01-01')).toBe(60);
    expect(ageOn('1961-01-02', '2021-01-01')).toBe(59);
    expect(ageOn('2000-02-29', '2021-02-28')).toBe(20);
    expect(ageOn('2000-02-29', '2021-03-01')).toBe(21);
  });
});

describe('shanghaiDateOf: cloud functions run in UTC', () => {
  it('turns to the next Shanghai day at 16:00 UTC', () => {
    expect(shanghaiDateOf(Date.UTC(2021, 10, 30, 15, 59, 59, 999))).toBe('2021-11-30');
    expect(shanghaiDateOf(Date.UTC(2021, 10, 30, 16, 0, 0))).toBe('2021-12-01');
    expect(shanghaiDateOf(Date.UTC(2023, 11, 31, 16, 0, 0))).toBe('2024-01-01');
  });
});
