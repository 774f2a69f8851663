/**
 * How long the server itself takes per request, from its arrival to the last byte written — what
 * a load test's client-side latency cannot separate from queueing in the client and the kernel.
 * Kept since the last reset, at most LIMIT samples (the newest win).
 */
const LIMIT = 200_000;

export class RequestTimings {
  private samples: number[] = [];

  add(ms: number): void {
    if (this.samples.length >= LIMIT) this.samples.shift();
    this.samples.push(ms);
  }

  /** Percentiles since the last reset, then starts over. */
  takeSummary(): { count: number; p50: number; p99: number; max: number } {
    const sorted = this.samples.sort((a, b) => a - b);
    this.samples = [];
    const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 100) / 100;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
  }
}
