/**
 * A lookup takes as long for an ID number on the roster (with a wrong name) as for one that is
 * not on it: the two distributions of response times overlap, so timing does not tell which.
 * (Issue 15 measured 87–94% from one request when the roster came from memory and a stranger's
 * number from the database.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { idNumber } from '../support/people';
import { backend, type Backend } from './harness';

let b: Backend;
afterEach(async () => b?.close());

const ROUNDS = 150;
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length * q)]!;

describe('lookup timing', () => {
  it('on the roster with a wrong name, or not on the roster: the same time', async () => {
    const households = Array.from({ length: ROUNDS }, (_, i) => ({
      householdId: `T-${i}`,
      region: 'qixian',
      unit: '蕲县村',
      members: [{ idNumber: idNumber('341302', '1980-01-01', String(i).padStart(3, '0')), name: `居民${i}` }],
    }));
    b = await backend('2021-11-02T10:00:00', households);
    // The local server holds the roster in memory once warm: the case that leaked.
    await (b.storage as unknown as { warm?: () => Promise<number> }).warm?.();
    const onRoster: number[] = [];
    const offRoster: number[] = [];
    const time = async (openid: string, id: string) => {
      const started = performance.now();
      const r = await b.call(openid, 'lookupHousehold', { name: '不对的名字', idNumber: id });
      expect(r.error.code).toBe('NOT_FOUND');
      return performance.now() - started;
    };
    // Interleaved, each from a new caller and number (no rate limit, no lock in the way).
    for (let i = 0; i < ROUNDS; i++) {
      onRoster.push(await time(`o-a-${i}`, households[i]!.members[0]!.idNumber));
      offRoster.push(await time(`o-b-${i}`, idNumber('341302', '1981-01-01', String(i).padStart(3, '0'))));
    }
    const [a, c] = [median(onRoster), median(offRoster)];
    // Medians within a quarter of each other, and each median inside the other's middle half.
    expect(Math.max(a, c) / Math.min(a, c)).toBeLessThan(1.25);
    expect(a).toBeGreaterThanOrEqual(quantile(offRoster, 0.25));
    expect(a).toBeLessThanOrEqual(quantile(offRoster, 0.75));
    expect(c).toBeGreaterThanOrEqual(quantile(onRoster, 0.25));
    expect(c).toBeLessThanOrEqual(quantile(onRoster, 0.75));
  });
});
