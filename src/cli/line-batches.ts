/**
 * Reads a byte stream as batches of whole lines. A batch is cut at a newline byte, which never
 * occurs inside a UTF-8 sequence, so each batch decodes on its own (in any thread) and owns its
 * ArrayBuffer (it can be transferred to a worker without a copy).
 */
import type { Readable } from 'node:stream';

const NEWLINE = 10;

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Yields batches of at least `targetBytes` (except the last), each ending with a complete line. */
export async function* lineBatches(input: Readable, targetBytes: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let first = true;
  for await (const chunk of input) {
    let bytes = chunk as Uint8Array;
    if (first && startsWithBom(bytes)) bytes = bytes.subarray(3);
    first = false;
    if (size + bytes.length < targetBytes) {
      parts.push(bytes);
      size += bytes.length;
      continue;
    }
    const cut = bytes.lastIndexOf(NEWLINE);
    if (cut === -1) {
      parts.push(bytes);
      size += bytes.length;
      continue;
    }
    parts.push(bytes.subarray(0, cut + 1));
    yield concat(parts, size + cut + 1);
    parts = cut + 1 < bytes.length ? [bytes.subarray(cut + 1)] : [];
    size = bytes.length - cut - 1;
  }
  if (size > 0) yield concat(parts, size);
}

/** The lines of a decoded batch: \n or \r\n, no phantom line after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Decodes a batch, answers each line, and encodes the answers (one per line, each ending in \n). */
export function answerBatch(bytes: Uint8Array, answer: (line: string) => string): Uint8Array {
  const answers = splitLines(decoder.decode(bytes)).map(answer);
  answers.push('');
  return encoder.encode(answers.join('\n'));
}
