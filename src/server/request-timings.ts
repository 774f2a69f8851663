/**
 * How long the server itself takes per request, from its arrival to the last byte written — what
 * a load test's client-side latency cannot separate from queueing in the client and the kernel.
 * Kept since the last reset, at most LIMIT samples in a ring (the newest win, at no cost per
 * request once it is full).
 */
const LIMIT = 200_000;

export class RequestTimings {
  private readonly ring = new Float64Array(LIMIT);
  private added = 0;

  add(ms: number): void {
    this.ring[this.added % LIMIT] = ms;
    this.added++;
  }

  /** Percentiles since the last reset, then starts over. */
  takeSummary(): { count: number; p50: number; p99: number; max: number } {
    const sorted = this.ring.slice(0, Math.min(this.added, LIMIT)).sort();
    this.added = 0;
    const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 100) / 100;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
  }
}
