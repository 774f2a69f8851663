import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from '../../src/core/money';

describe('money in fen', () => {
  it('reads decimal strings exactly', () => {
    expect(parseYuan('280.00')).toBe(28000);
    expect(parseYuan('280')).toBe(28000);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1487341.07')).toBe(148734107);
  });
  it('refuses what is not an amount instead of rounding it', () => {
    for (const bad of ['1.005', '-1.00', '1e3', 'abc', '', ' 1.00', '.5']) expect(parseYuan(bad)).toBeNull();
  });
  it('prints two decimals', () => {
    expect([formatYuan(0), formatYuan(4000), formatYuan(11400), formatYuan(5), formatYuan(-150)]).toEqual(['0.00', '40.00', '114.00', '0.05', '-1.50']);
    expect(() => formatYuan(0.5)).toThrow();
  });
  it('adds 0.10 + 0.20 to exactly 0.30', () => expect(formatYuan(parseYuan('0.10')! + parseYuan('0.20')!)).toBe('0.30'));
});
