/**
 * A bounded cache of rows the local server reads far more often than it writes (the roster,
 * enrolments). PGlite serves this one process only, so the process sees every write and can
 * invalidate exactly. A load that was in flight while a write invalidated is not stored: its
 * answer may predate the write (the generation tells).
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, V>();
  private generation = 0;

  constructor(readonly limit: number) {}

  size(): number {
    return this.entries.size;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) this.store(key, value);
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
    const generation = this.generation;
    const loaded = await loadMissing(missing);
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (generation === this.generation) this.store(key, value);
    }
    return found;
  }

  /** The cache's version now: a value loaded after it may be stored with storeIf. */
  version(): number {
    return this.generation;
  }

  peek(key: string): { value: V } | null {
    return this.entries.has(key) ? { value: this.entries.get(key) as V } : null;
  }

  /** Stores a value loaded elsewhere, unless something was invalidated since `version`. */
  storeIf(version: number, key: string, value: V): void {
    if (version === this.generation) this.store(key, value);
  }

  /** Forgets `keys`, or everything. */
  invalidate(keys?: string[]): void {
    this.generation++;
    if (!keys) this.entries.clear();
    else for (const key of keys) this.entries.delete(key);
  }

  private store(key: string, value: V): void {
    this.entries.set(key, value);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
}
