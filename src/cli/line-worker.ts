/** A worker thread of the pool: answers batches of lines and hands the encoded answers back without a copy. */
import { parentPort, workerData } from 'node:worker_threads';
import type { HandlerName } from './handlers';
import { handlerAnswer } from './json-lines';
import { answerBatch } from './line-batches';

const answer = handlerAnswer((workerData as { handler: HandlerName }).handler);

parentPort!.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  const out = answerBatch(bytes, answer);
  parentPort!.postMessage({ id, bytes: out }, [out.buffer as ArrayBuffer]);
});
