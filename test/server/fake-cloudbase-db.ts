/**
 * A stand-in for the part of CloudBase's document database that CloudbaseStorage uses (doc get,
 * set, update with dotted paths; where with in/gte/lt; orderBy, skip, limit, count, add;
 * runTransaction), so the production adapter runs under the real handlers in a test. Documents
 * are cloned in and out, as a remote database would. Transactions apply in place: the tests run
 * one request at a time.
 */
type Doc = Record<string, unknown> & { _id: string };

class Condition {
  constructor(
    readonly op: 'in' | 'gte' | 'lt',
    readonly value: unknown,
  ) {}
  test(v: unknown): boolean {
    if (this.op === 'in') return (this.value as unknown[]).includes(v);
    if (this.op === 'gte') return (v as number) >= (this.value as number);
    return (v as number) < (this.value as number);
  }
}

const clone = <T>(v: T): T => structuredClone(v);
const matches = (doc: Doc, where: Record<string, unknown>) =>
  Object.entries(where).every(([k, v]) => (v instanceof Condition ? v.test(doc[k]) : doc[k] === v));

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at: any = target;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)!] = clone(value);
}

class DocRef {
  constructor(
    private readonly docs: Map<string, Doc>,
    readonly id: string,
  ) {}
  async get() {
    const d = this.docs.get(this.id);
    return { data: d ? [clone(d)] : [] };
  }
  async set(data: object) {
    this.docs.set(this.id, { ...clone(data), _id: this.id } as Doc);
  }
  async update(data: object) {
    const d = this.docs.get(this.id);
    if (!d) return { updated: 0 };
    for (const [path, value] of Object.entries(data)) setPath(d, path, value);
    return { updated: 1 };
  }
}

class Query {
  constructor(
    protected readonly docs: Map<string, Doc>,
    private readonly filter: Record<string, unknown> = {},
    private readonly order: [string, 'asc' | 'desc'] | null = null,
    private readonly from = 0,
    private readonly max = 100,
  ) {}
  where(filter: Record<string, unknown>) {
    return new Query(this.docs, filter, this.order, this.from, this.max);
  }
  orderBy(field: string, dir: 'asc' | 'desc') {
    return new Query(this.docs, this.filter, [field, dir], this.from, this.max);
  }
  skip(n: number) {
    return new Query(this.docs, this.filter, this.order, n, this.max);
  }
  limit(n: number) {
    return new Query(this.docs, this.filter, this.order, this.from, n);
  }
  private all(): Doc[] {
    const found = [...this.docs.values()].filter((d) => matches(d, this.filter));
    if (this.order) {
      const [f, dir] = this.order;
      found.sort((a, b) => ((a[f] as any) < (b[f] as any) ? -1 : (a[f] as any) > (b[f] as any) ? 1 : 0) * (dir === 'asc' ? 1 : -1));
    }
    return found;
  }
  async get() {
    return { data: this.all().slice(this.from, this.from + this.max).map(clone) };
  }
  async count() {
    return { total: this.all().length };
  }
}

class Collection extends Query {
  private serial = 0;
  doc(id: string) {
    return new DocRef(this.docs, id);
  }
  async add(data: object) {
    const id = `auto-${++this.serial}`;
    this.docs.set(id, { ...clone(data), _id: id } as Doc);
    return { id };
  }
}

export class FakeCloudbaseDb {
  readonly collections = new Map<string, Map<string, Doc>>();
  readonly command = { in: (v: unknown[]) => new Condition('in', v), gte: (v: number) => new Condition('gte', v), lt: (v: number) => new Condition('lt', v) };
  private readonly handles = new Map<string, Collection>();

  collection(name: string): Collection {
    if (!this.collections.has(name)) this.collections.set(name, new Map());
    if (!this.handles.has(name)) this.handles.set(name, new Collection(this.collections.get(name)!));
    return this.handles.get(name)!;
  }

  async runTransaction(work: (tx: unknown) => Promise<void>) {
    await work({
      get: async (ref: DocRef) => {
        const d = (await ref.get()).data[0] ?? null;
        return { data: () => d };
      },
      set: (ref: DocRef, data: object) => ref.set(data),
      update: (ref: DocRef, data: object) => ref.update(data),
    });
  }
}
