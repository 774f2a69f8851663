/**
 * Streams JSON Lines: one answer per input line, in order, nothing else on stdout. A line that
 * cannot be answered gets {ref, error: {code, message}} and the next line is still answered.
 * Memory stays flat: input is read in batches, at most two batches per thread are in flight, and
 * output is written with backpressure. Large inputs are answered by worker threads (one per
 * core); the first few megabytes in this thread, so a short run pays no thread start-up.
 */
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import { AnswerError, describeIssue } from '../contracts/errors';
import { HANDLERS, type HandlerName } from './handlers';
import { answerBatch, lineBatches } from './line-batches';
import { WorkerPool } from './worker-pool';

export interface LineHandler<Req> {
  schema: z.ZodType<Req>;
  answer(request: Req): unknown;
}

function refOf(value: unknown): unknown {
  if (value && typeof value === 'object' && 'ref' in value) {
    const ref = (value as { ref: unknown }).ref;
    if (typeof ref === 'string' || typeof ref === 'number') return ref;
  }
  return null;
}

function errorLine(ref: unknown, code: string, message: string): string {
  return JSON.stringify({ ref, error: { code, message } });
}

export function answerLine<Req>(line: string, handler: LineHandler<Req>): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return errorLine(null, 'BAD_JSON', line.trim() === '' ? '空行：每行应是一个 JSON 对象' : '这一行不是有效的 JSON');
  }
  const ref = refOf(value);
  const parsed = handler.schema.safeParse(value, { reportInput: true });
  if (!parsed.success) return errorLine(ref, 'INVALID_REQUEST', describeIssue(parsed.error));
  try {
    return JSON.stringify(handler.answer(parsed.data));
  } catch (error) {
    if (error instanceof AnswerError) return errorLine(ref, error.code, error.message);
    // Unexpected: answer this line, keep going, and leave the details on stderr (no request data in it).
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    return errorLine(ref, 'INTERNAL', '系统内部错误，这一行未能计算，请联系运营人员');
  }
}

export function handlerAnswer(name: HandlerName): (line: string) => string {
  const handler = HANDLERS[name] as LineHandler<unknown>;
  return (line) => answerLine(line, handler);
}

const BATCH_BYTES = 64 * 1024;
/** Inputs up to this size are answered without starting threads. */
const INLINE_BYTES = 4 * 1024 * 1024;

/** Threads for large inputs: YIBAO_THREADS overrides the core count (0 = never). */
function threadCount(): number {
  const configured = process.env.YIBAO_THREADS;
  return configured !== undefined && configured !== '' ? Math.max(0, Number(configured) | 0) : availableParallelism();
}

async function write(output: Writable, bytes: Uint8Array): Promise<void> {
  if (!output.write(bytes)) await once(output, 'drain');
}

export async function runJsonLines(name: HandlerName, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const answer = handlerAnswer(name);
  const threads = threadCount();
  let pool: WorkerPool | undefined;
  const inFlight: Array<Promise<Uint8Array>> = [];
  let seen = 0;
  try {
    for await (const batch of lineBatches(input, BATCH_BYTES)) {
      seen += batch.length;
      if (!pool && (threads === 0 || seen <= INLINE_BYTES)) {
        await write(output, answerBatch(batch, answer));
        continue;
      }
      pool ??= new WorkerPool(threads, name, answer);
      inFlight.push(pool.answer(batch));
      // Answers leave in input order; wait for the oldest once every thread has two batches.
      if (inFlight.length >= threads * 2) await write(output, await inFlight.shift()!);
    }
    while (inFlight.length > 0) await write(output, await inFlight.shift()!);
  } finally {
    await pool?.close();
  }
}
