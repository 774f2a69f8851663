/**
 * `npm start`: the whole product on this machine, no cloud account. One server on 127.0.0.1
 * (PORT, default 8787) with the functions, the sandbox payment platform and the H5 build, on the
 * embedded database in YIBAO_DATA (default .data/yibao), seeded with the demo county on first run.
 * Data survives a restart.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { reconcile } from '../core/use-cases/settlement';
import { demoCounty } from './demo-county';
import { createLocalServer } from './http-server';
import { localSystem } from './local-deps';
import { parsePayElsewhere } from './pay-elsewhere';
import { post } from './loopback-post';
import { seedHouseholds } from './seed';
import { ShanghaiDayClock } from './simulated-clock';
import { isCivilDate, shanghaiDateOf } from '../core/civil-date';
import { PROOF_RETENTION_MS } from '../core/proof';

const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.YIBAO_DATA ?? '.data/yibao');
if (process.env.YIBAO_TODAY && !isCivilDate(process.env.YIBAO_TODAY)) {
  console.error(`YIBAO_TODAY=${process.env.YIBAO_TODAY} 不是有效日期（应为 YYYY-MM-DD）；不设则使用今天的上海日期`);
  process.exit(2);
}
// A date the sandbox was moved to is kept in the data folder, so a restart resumes it (the real
// date again once the file is removed or YIBAO_TODAY names another).
const sandboxDateFile = resolve(dataDir, 'sandbox-date');
const keptDate = existsSync(sandboxDateFile) ? readFileSync(sandboxDateFile, 'utf8').trim() : '';
const clock = new ShanghaiDayClock(process.env.YIBAO_TODAY ?? (isCivilDate(keptDate) ? keptDate : null));
const today = shanghaiDateOf(clock.now());
const base = `http://127.0.0.1:${port}`;

let payElsewhere;
try {
  payElsewhere = parsePayElsewhere(process.env.YIBAO_PAY_ELSEWHERE ?? '', 'YIBAO_PAY_ELSEWHERE');
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

mkdirSync(dataDir, { recursive: true });
const system = await localSystem({
  payElsewhere,
  dataDir,
  clock,
  notifyUrl: `${base}/api/payNotify`,
  // The sandbox posts its callbacks over HTTP, as WeChat Pay would.
  deliver: async ({ headers, body }) => (await post(`${base}/api/payNotify`, headers, body)).status === 200,
  deliverVoucher: async ({ headers, body }) => (await post(`${base}/api/voucherNotify`, headers, body)).status === 200,
  deliverRefund: async ({ headers, body }) => (await post(`${base}/api/refundNotify`, headers, body)).status === 200,
});

const empty = (await system.storage.sql.query<{ n: number }>('select count(*)::int as n from households')).rows[0]!.n === 0;
if (empty) await seedHouseholds(system.storage, demoCounty());
// The demo operator (npm run import uses it), who may draft and approve every region's years in the
// sandbox; a deployment lists its operators and their roles per region in this table.
await system.storage.sql.query(`insert into operators values ('demo-operator', '演示经办人', '{"*": ["drafter", "approver"]}') on conflict (openid) do update set roles = excluded.roles`);

const server = createLocalServer({ deps: system.deps, sandbox: system.sandbox, voucherSandbox: system.voucherSandbox, files: system.files, outbox: system.messenger, staticDir: resolve('dist-h5'), setToday: (d) => clock.setToday(d) && (writeFileSync(sandboxDateFile, d), true) });
server.listen(port, '127.0.0.1', () => {
  const simulated = process.env.YIBAO_TODAY ? ' (YIBAO_TODAY)' : isCivilDate(keptDate) ? ` (the sandbox date kept in ${sandboxDateFile}; delete it for the real date)` : '';
  console.log(`医保自助缴费 local server: ${base}  (data: ${dataDir}${empty ? ', demo county seeded' : ''}; Shanghai date ${today}${simulated})`);
  // Two fictional residents of the demo county to try first (names and IDs made up for it).
  const demo = demoCounty().filter((h) => h.householdId === 'SF-0001' || h.householdId === 'SF-0002');
  console.log(`试一试（示范县，虚构居民）：${demo.map((h, i) => `${h.members[0]!.name} ${h.members[0]!.idNumber}（${i === 0 ? '连续参保' : '断保两年，可补缴'}）`).join('；')}`);
});

// The roster goes into memory in the background, a page at a time, while requests are served
// (a request for a household not yet warmed reads it itself); then lookups and quotes read no rows.
const warming = performance.now();
void system.storage
  .warm()
  .then((held) => console.log(`${held} households in memory in ${((performance.now() - warming) / 1000).toFixed(1)} s`))
  .catch((e: Error) => console.error(`[warm] ${e.message}`));

// Uploads are deleted once imported or reviewed; a roster never imported goes after a day, a
// refund's proof never reviewed after PROOF_RETENTION_MS.
const UPLOAD_RETENTION_MS = 24 * 60 * 60 * 1000;
const sweepUploads = () => void system.files.sweep(UPLOAD_RETENTION_MS, PROOF_RETENTION_MS).catch((e: Error) => console.error(`[uploads] ${e.message}`));
sweepUploads();
setInterval(sweepUploads, 60 * 60 * 1000).unref();

// Orders whose callback never came are settled (or closed) by asking the gateway.
const reconciler = setInterval(
  () =>
    void reconcile(system.deps)
      .then((r) => {
        [...r.failed, ...r.duplicates.failed].forEach((f) => console.error(`[reconcile] order ${f.orderNo}: ${f.message}`));
        r.reminders.failed.forEach((f) => console.error(`[reconcile] reminder not sent: ${f.message}`));
      })
      .catch((e: Error) => console.error(`[reconcile] ${e.message}`)),
  60_000,
);
reconciler.unref();

async function shutdown() {
  clearInterval(reconciler);
  server.close();
  await system.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
