/** Calls between two sweeps of callers whose window has passed. */
const SWEEP_EVERY = 10_000;
/** The longest window any key is counted over (an ID number's failed lookups: an hour). */
const LONGEST_WINDOW_MS = 60 * 60 * 1000;

/**
 * Calls per caller for rate limiting, in this process: PGlite serves one process, so a sliding
 * window in memory is exact here and saves two queries a lookup (it restarts empty, which only
 * forgives a window). CloudBase counts audit lines (calls) and a collection (failures) instead.
 */
export class CallWindows {
  // One call (most callers: one lookup, then they stay away) is kept as a bare number, not an
  // array: about half the memory per caller, who is remembered for the longest window.
  private readonly calls = new Map<string, number | number[]>();
  private sinceSweep = 0;

  count(key: string, at: number, since: number): number {
    const before = this.calls.get(key);
    const kept = before === undefined ? [] : typeof before === 'number' ? (before >= since ? [before] : []) : before.filter((t) => t >= since);
    kept.push(at);
    this.calls.set(key, kept.length === 1 ? at : kept);
    // Every caller who ever called would otherwise stay: now and then, forget those whose last
    // call has left the longest window (not this key's: an ID's lock outlasts a caller's window).
    if (++this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      for (const [k, times] of this.calls) if (lastOf(times) < at - LONGEST_WINDOW_MS) this.calls.delete(k);
    }
    return kept.length;
  }

  /** How many calls of `key` since `since`, without counting one. */
  peek(key: string, since: number): number {
    const times = this.calls.get(key);
    if (times === undefined) return 0;
    return typeof times === 'number' ? (times >= since ? 1 : 0) : times.filter((t) => t >= since).length;
  }

  /** Callers remembered (for tests). */
  get size(): number {
    return this.calls.size;
  }
}

const lastOf = (times: number | number[]) => (typeof times === 'number' ? times : times[times.length - 1]!);
