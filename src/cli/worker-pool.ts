/**
 * Worker threads answering batches of lines. Each worker keeps a queue of batches so it never
 * waits for the main thread between two of them. When a worker fails, its unanswered batches
 * are answered in this thread and the worker is replaced: no line is lost, the pool keeps its size.
 */
import { Worker } from 'node:worker_threads';
import type { HandlerName } from './handlers';
import { answerBatch } from './line-batches';

interface Pending {
  batch: Uint8Array;
  resolve(bytes: Uint8Array): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

// A larger young generation than V8's default cuts scavenges (measured: 8.0 s → 7.4 s on the
// benchmark); the old-generation cap keeps each worker's memory flat whatever the input size.
const LIMITS = { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 128 };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closing = false;

  constructor(
    size: number,
    private readonly handler: HandlerName,
    /** Answers a line in this thread, for the batches of a worker that failed. */
    private readonly fallback: (line: string) => string,
    private readonly script: URL = new URL('./line-worker.mjs', import.meta.url),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  private start(): Slot {
    const slot: Slot = {
      worker: new Worker(this.script, { workerData: { handler: this.handler }, resourceLimits: LIMITS }),
      pending: new Map(),
    };
    slot.worker.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
      const p = slot.pending.get(id);
      slot.pending.delete(id);
      p?.resolve(bytes);
    });
    slot.worker.once('error', (error) => this.fail(slot, error.message));
    slot.worker.once('exit', (code) => this.fail(slot, `exited with code ${code}`));
    return slot;
  }

  private fail(slot: Slot, why: string): void {
    const index = this.slots.indexOf(slot);
    if (this.closing || index === -1) return;
    process.stderr.write(`a worker failed (${why}); its ${slot.pending.size} batch(es) are answered in the main thread\n`);
    this.slots[index] = this.start();
    void slot.worker.terminate();
    for (const p of slot.pending.values()) p.resolve(answerBatch(p.batch, this.fallback));
    slot.pending.clear();
  }

  /** The answers to a batch, encoded. The worker gets a copy; the original stays here until answered. */
  answer(batch: Uint8Array): Promise<Uint8Array> {
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve) => {
      slot.pending.set(id, { batch, resolve });
      slot.worker.postMessage({ id, bytes: batch });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
