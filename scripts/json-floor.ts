/**
 * The benchmark's floor: the same batched reader and writer as the CLI in one thread, doing only
 * JSON.parse + JSON.stringify per line.
 */
import { once } from 'node:events';
import { answerBatch, lineBatches } from '../src/cli/line-batches';

for await (const batch of lineBatches(process.stdin, 256 * 1024)) {
  if (!process.stdout.write(answerBatch(batch, (line) => JSON.stringify(JSON.parse(line))))) await once(process.stdout, 'drain');
}
