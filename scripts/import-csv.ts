/**
 * npm run import -- roster FILE.csv            (花名册)
 * npm run import -- department 民政 FILE.csv    (a department's subsidy list)
 *
 * The operator's tool for the running local server (npm start), doing what an operator does on
 * CloudBase: upload the file (POST /sandbox/upload, as to cloud storage), then call importRoster
 * with its fileID until the server says the file is done — each call imports one window of
 * 64 KB — with a progress bar on stderr, and print the merged report. Every rejected row
 * is reported at its line in the file. Importing the same file again changes nothing.
 * Env: PORT (8787), YIBAO_OPERATOR (the operator's OPENID, demo-operator).
 */
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';

const [kind, ...rest] = process.argv.slice(2);
const department = kind === 'department' ? rest[0] : undefined;
const file = kind === 'department' ? rest[1] : rest[0];
if ((kind !== 'roster' && kind !== 'department') || !file || (kind === 'department' && !department)) {
  console.error('用法：npm run import -- roster 花名册.csv  或  npm run import -- department 民政 名单.csv');
  process.exit(2);
}

const base = `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const operator = process.env.YIBAO_OPERATOR ?? 'demo-operator';
const report = { rows: 0, imported: 0, unchanged: 0, rejected: [] as Array<{ line: number; reason: string }>, moreRejected: 0 };

interface Envelope<T> {
  ok: boolean;
  data?: T;
  error?: { message: string };
}

function progress(done: number, total: number): void {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const width = 30;
  const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
  process.stderr.write(`\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${report.rows} 行，导入 ${report.imported}，未变 ${report.unchanged}，退回 ${report.rejected.length + report.moreRejected}`);
}

/** Streams the file up; the answer is its fileID. */
function upload(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/sandbox/upload`, { method: 'POST', headers: { 'X-Openid': operator, 'Content-Length': statSync(file!).size } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        const envelope = JSON.parse(text) as Envelope<{ fileID: string }>;
        if (envelope.ok) resolve(envelope.data!.fileID);
        else reject(new Error(envelope.error?.message ?? `HTTP ${res.statusCode}`));
      });
    });
    req.on('error', reject);
    createReadStream(file!).on('error', reject).pipe(req);
  });
}

type Window = typeof report & { next: { byte: number; line: number } | null; bytesDone: number; bytesTotal: number };

async function importWindow(fileID: string, from: Window['next']): Promise<Window> {
  const res = await fetch(`${base}/api/importRoster`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Openid': operator },
    body: JSON.stringify({ kind, department, fileID, ...(from ? { from } : {}) }),
  });
  const envelope = (await res.json()) as Envelope<Window>;
  if (!envelope.ok) throw new Error(envelope.error?.message ?? `HTTP ${res.status}`);
  return envelope.data!;
}

try {
  const fileID = await upload();
  let from: Window['next'] = null;
  do {
    const w = await importWindow(fileID, from);
    report.rows += w.rows;
    report.imported += w.imported;
    report.unchanged += w.unchanged;
    report.rejected.push(...w.rejected);
    report.moreRejected += w.moreRejected;
    progress(w.bytesDone, w.bytesTotal);
    from = w.next;
  } while (from);
  process.stderr.write('\n');
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  const kept = report.rows > 0 ? '（已完成的部分已保存，重新导入同一文件不会重复）' : '';
  process.stderr.write(`\n导入中止：${(error as Error).message}${kept}\n`);
  process.exit(1);
}
