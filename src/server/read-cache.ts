/**
 * A bounded cache of rows the local server reads far more often than it writes (the roster,
 * enrolments, orders). PGlite serves this one process only, so the process sees every write and
 * can invalidate exactly. A load that was in flight while its key was invalidated is not stored:
 * its answer may predate the write. Invalidations are stamped per key, so under a steady stream of
 * writes to other keys loads are still kept.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, V>();
  /** The cache's clock: a load remembers it when it starts; each invalidation advances it. */
  private clock = 0;
  /** When each key was last invalidated (bounded: see invalidate). */
  private readonly invalidated = new Map<string, number>();
  /** Loads that started before this are not stored: everything was invalidated since. */
  private floor = 0;

  constructor(readonly limit: number) {}

  size(): number {
    return this.entries.size;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const version = this.clock;
    const value = await load();
    this.storeIf(version, key, value);
    return value;
  }

  /** Looks up many keys, loading the missing ones together. */
  async getMany(keys: string[], loadMissing: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const key of keys) {
      if (this.entries.has(key)) found.set(key, this.entries.get(key) as V);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const version = this.clock;
    const loaded = await loadMissing(missing);
    for (const [key, value] of loaded) {
      found.set(key, value);
      this.storeIf(version, key, value);
    }
    return found;
  }

  /** The cache's version now: a value loaded after it may be stored with storeIf. */
  version(): number {
    return this.clock;
  }

  peek(key: string): { value: V } | null {
    return this.entries.has(key) ? { value: this.entries.get(key) as V } : null;
  }

  /** Stores a value loaded since `version`, unless its key (or everything) was invalidated meanwhile. */
  storeIf(version: number, key: string, value: V): void {
    if (version < this.floor || (this.invalidated.get(key) ?? 0) > version) return;
    this.entries.set(key, value);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Forgets `keys`, or everything. */
  invalidate(keys?: string[]): void {
    this.clock++;
    if (!keys || this.invalidated.size + keys.length > this.limit) {
      // Everything, or too many stamps to keep: loads in flight are not stored, whatever their key.
      this.floor = this.clock;
      this.invalidated.clear();
    }
    if (!keys) this.entries.clear();
    else
      for (const key of keys) {
        this.entries.delete(key);
        if (this.floor !== this.clock) this.invalidated.set(key, this.clock);
      }
  }
}
