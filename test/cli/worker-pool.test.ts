import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/cli/worker-pool';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('worker pool', () => {
  it('answers a dead worker’s batches in the main thread and replaces the worker', async () => {
    const pool = new WorkerPool(1, 'quote', (line) => `fallback:${line}`, new URL('../support/crashing-worker.mjs', import.meta.url));
    try {
      const answers = await Promise.all([pool.answer(encode('a\nb\n')), pool.answer(encode('CRASH\n')), pool.answer(encode('c\n'))]);
      expect(decode(answers[0]!)).toBe('A\nB\n');
      expect(decode(answers[1]!)).toBe('fallback:CRASH\n');
      // Batches queued behind the crash are answered too (by the fallback or by the replacement).
      expect(['C\n', 'fallback:c\n']).toContain(decode(answers[2]!));
      expect(decode(await pool.answer(encode('d\n')))).toBe('D\n');
    } finally {
      await pool.close();
    }
  });
});
