/**
 * Streams JSON Lines: one answer per input line, in order, nothing else on stdout. A line that
 * cannot be answered gets {ref, error: {code, message}} and the next line is still answered.
 * Memory stays flat: input is read chunk by chunk and output is flushed with backpressure.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import { AnswerError, describeIssue } from '../contracts/errors';
import { NotOnSaleError } from '../core/rules/quote';

/** Splits a byte stream into lines (\n or \r\n), without holding more than one chunk. */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  for await (const chunk of input) {
    let text = rest + decoder.write(chunk as Buffer);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** Buffers output lines and writes them in blocks, waiting when the consumer is slower. */
export class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  constructor(
    private readonly out: Writable,
    private readonly blockSize = 64 * 1024,
  ) {}

  async write(line: string): Promise<void> {
    this.buffer.push(line);
    this.size += line.length + 1;
    if (this.size >= this.blockSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const block = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(block)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}

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
  const parsed = handler.schema.safeParse(value);
  if (!parsed.success) return errorLine(ref, 'INVALID_REQUEST', describeIssue(parsed.error));
  try {
    return JSON.stringify(handler.answer(parsed.data));
  } catch (error) {
    if (error instanceof AnswerError || error instanceof NotOnSaleError) return errorLine(ref, error.code, error.message);
    // Unexpected: answer this line, keep going, and leave the details on stderr (no request data in it).
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    return errorLine(ref, 'INTERNAL', '系统内部错误，这一行未能计算，请联系运营人员');
  }
}

export async function runJsonLines<Req>(handler: LineHandler<Req>, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const writer = new LineWriter(output);
  for await (const line of readLines(input)) await writer.write(answerLine(line, handler));
  await writer.flush();
}
