/**
 * Group commit: calls that arrive in the same turn of the event loop run together — `run` gets
 * them all, in order of arrival, and each caller gets its own answer once `run` is done. Under
 * load this turns thousands of one-row transactions a second into a few many-row ones. A batch
 * that fails is tried again item by item, so one bad item fails alone.
 */
interface Waiter<R> {
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class Batcher<T, R> {
  private items: T[] = [];
  private waiters: Waiter<R>[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly run: (items: T[]) => Promise<R[]>) {}

  add(item: T): Promise<R> {
    const answer = new Promise<R>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.items.push(item);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => (this.running = this.flush()));
    }
    return answer;
  }

  /** Resolves when everything added so far has run (before closing the database). */
  async idle(): Promise<void> {
    while (this.scheduled) await new Promise((r) => setImmediate(r));
    await this.running;
  }

  private async flush(): Promise<void> {
    const { items, waiters } = this;
    this.items = [];
    this.waiters = [];
    this.scheduled = false;
    try {
      const results = await this.run(items);
      waiters.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (items.length === 1) return waiters[0]!.reject(error);
      await Promise.all(items.map((item, i) => this.run([item]).then((r) => waiters[i]!.resolve(r[0]!), (e: unknown) => waiters[i]!.reject(e))));
    }
  }
}
