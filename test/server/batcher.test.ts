/** Group commit: calls in one turn of the event loop run together; a bad one fails alone. */
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/server/batcher';

describe('Batcher', () => {
  it('runs the calls of one turn together, in order, and answers each its own result', async () => {
    const runs: number[][] = [];
    const b = new Batcher(async (xs: number[]) => (runs.push(xs), xs.map((x) => x * 10)));
    const first = await Promise.all([b.add(1), b.add(2), b.add(3)]);
    const later = await b.add(4);
    expect(first).toEqual([10, 20, 30]);
    expect(later).toBe(40);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('tries a failed batch item by item, so only the bad item fails', async () => {
    const runs: number[][] = [];
    const b = new Batcher(async (xs: number[]) => {
      runs.push(xs);
      if (xs.includes(13)) throw new Error('unlucky');
      return xs;
    });
    const answers = await Promise.allSettled([b.add(1), b.add(13), b.add(3)]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toEqual([[1, 13, 3], [1], [13], [3]]);
  });

  it('idle waits for what was added', async () => {
    let done = 0;
    const b = new Batcher(async (xs: number[]) => (await new Promise((r) => setTimeout(r, 5)), (done += xs.length), xs));
    void b.add(1);
    void b.add(2);
    await b.idle();
    expect(done).toBe(2);
  });
});
