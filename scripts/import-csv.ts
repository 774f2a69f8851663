/**
 * npm run import -- roster FILE.csv            (花名册)
 * npm run import -- department 民政 FILE.csv    (a department's subsidy list)
 *
 * Sends an operator's CSV to the running local server (npm start) in pieces of a few thousand
 * rows, with a progress bar on stderr, and prints the merged report. Pieces keep their line
 * numbers, so every rejected row is reported at its line in the file. Importing the same file
 * again changes nothing. Env: PORT (8787), YIBAO_OPERATOR (the operator's OPENID, demo-operator).
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [kind, ...rest] = process.argv.slice(2);
const department = kind === 'department' ? rest[0] : undefined;
const file = kind === 'department' ? rest[1] : rest[0];
if ((kind !== 'roster' && kind !== 'department') || !file || (kind === 'department' && !department)) {
  console.error('用法：npm run import -- roster 花名册.csv  或  npm run import -- department 民政 名单.csv');
  process.exit(2);
}

const url = `http://127.0.0.1:${process.env.PORT ?? 8787}/api/importRoster`;
const operator = process.env.YIBAO_OPERATOR ?? 'demo-operator';
const PIECE_ROWS = 2000;
const total = statSync(file).size;
const report = { rows: 0, imported: 0, unchanged: 0, rejected: [] as Array<{ line: number; reason: string }>, moreRejected: 0 };
let bytes = 0;

function progress(): void {
  const share = total === 0 ? 1 : Math.min(1, bytes / total);
  const width = 30;
  const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
  process.stderr.write(`\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${report.rows} 行，导入 ${report.imported}，未变 ${report.unchanged}，退回 ${report.rejected.length + report.moreRejected}`);
}

async function send(header: string, rows: string[], firstLine: number): Promise<void> {
  const body = JSON.stringify({ kind, department, csv: [header, ...rows].join('\n'), firstLine });
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Openid': operator }, body });
  const envelope = (await res.json()) as { ok: boolean; data?: typeof report; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message ?? `HTTP ${res.status}`);
  const r = envelope.data!;
  report.rows += r.rows;
  report.imported += r.imported;
  report.unchanged += r.unchanged;
  report.rejected.push(...r.rejected);
  report.moreRejected += r.moreRejected;
}

// Pieces are cut at line ends outside quotes, so a quoted field with a line break stays whole.
let header: string | null = null;
let piece: string[] = [];
let pieceFirstLine = 2;
let line = 0;
let open = false;
let record = '';
try {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    line++;
    bytes += Buffer.byteLength(text) + 1;
    record = record === '' ? text : `${record}\n${text}`;
    open = (record.match(/"/g)?.length ?? 0) % 2 === 1;
    if (open) continue;
    if (header === null) {
      header = record.replace(/^\ufeff/, '');
      pieceFirstLine = line + 1;
    } else {
      piece.push(record);
      if (piece.length >= PIECE_ROWS) {
        await send(header, piece, pieceFirstLine - 1);
        piece = [];
        pieceFirstLine = line + 1;
        progress();
      }
    }
    record = '';
  }
  if (header === null) throw new Error('文件是空的');
  if (piece.length > 0 || record !== '') await send(header, record ? [...piece, record] : piece, pieceFirstLine - 1);
  bytes = total;
  progress();
  process.stderr.write('\n');
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  process.stderr.write(`\n导入中止：${(error as Error).message}（已完成的部分已保存，重新导入同一文件不会重复）\n`);
  process.exit(1);
}
