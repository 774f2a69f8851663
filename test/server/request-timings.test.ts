/** The server's own request timings: percentiles since the last reading, the newest samples kept. */
import { describe, expect, it } from 'vitest';
import { RequestTimings } from '../../src/server/request-timings';

describe('RequestTimings', () => {
  it('reports percentiles since the last reading, then starts over', () => {
    const t = new RequestTimings();
    for (let ms = 1; ms <= 100; ms++) t.add(ms);
    expect(t.takeSummary()).toEqual({ count: 100, p50: 51, p99: 100, max: 100 });
    expect(t.takeSummary().count).toBe(0);
  });

  it('keeps the newest 200,000 when nobody reads them', () => {
    const t = new RequestTimings();
    t.add(1e9);
    for (let i = 0; i < 200_000; i++) t.add(2);
    expect(t.takeSummary()).toEqual({ count: 200_000, p50: 2, p99: 2, max: 2 });
  });
});
