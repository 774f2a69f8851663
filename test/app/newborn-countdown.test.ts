/** The newborn page's countdown runs to the end of the last day, Shanghai time. */
import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../src/packages/newborn/countdown';

const at = (iso: string) => Date.parse(`${iso}+08:00`);

describe('timeLeft', () => {
  it('counts to midnight after the last day in Shanghai', () => {
    expect(timeLeft('2024-08-01', at('2024-08-01T22:30:00'))).toEqual({ days: 0, hours: 1, minutes: 30 });
    expect(timeLeft('2024-08-01', at('2024-07-30T00:00:00'))).toEqual({ days: 3, hours: 0, minutes: 0 });
  });

  it('is over once the last day has ended', () => {
    expect(timeLeft('2024-08-01', at('2024-08-02T00:00:00'))).toBeNull();
  });
});
