// A stand-in for line-worker.mjs: echoes each line upper-cased, and dies on a line that says CRASH.
import { parentPort } from 'node:worker_threads';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
parentPort.on('message', ({ id, bytes }) => {
  const text = decoder.decode(bytes);
  if (text.includes('CRASH')) process.exit(3);
  const out = encoder.encode(text.toUpperCase());
  parentPort.postMessage({ id, bytes: out }, [out.buffer]);
});
