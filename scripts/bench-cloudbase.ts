/**
 * npm run bench:cloudbase
 *
 * What each operation costs on CloudBase: the production handlers on the real @cloudbase/node-sdk,
 * pointed at the loopback emulator (test/support/cloudbase-emulator.ts), which counts requests and
 * holds every answer for LATENCY_MS (default 30, a round trip inside a Tencent Cloud region); WeChat
 * Pay's API answers after the same delay. "Sequential round trips" is the wall time divided by the
 * latency: requests sent in parallel count once. Prints a Markdown table; asserts nothing.
 */
import { readFileSync } from 'node:fs';
process.env.YIBAO_BACKEND = 'cloudbase';

const LATENCY_MS = Number(process.env.LATENCY_MS ?? 30);
const OPEN_ORDERS = Number(process.env.OPEN_ORDERS ?? 500);

const { backend, cloudbaseEmulator, DINGTAO_FAMILY } = await import('../test/server/harness');
const { idNumber } = await import('../test/support/people');
const { reconcile } = await import('../src/core/use-cases/settlement');

const emulator = await cloudbaseEmulator();
const rows: string[] = [];

async function measure<T>(label: string, work: () => Promise<T>, per = 1): Promise<T> {
  emulator.counts.clear();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const requests = emulator.roundTrips() / per;
  rows.push(`| ${label} | ${requests.toFixed(1)} | ${(ms / per / LATENCY_MS).toFixed(1)} | ${Math.round(ms / per)} ms |`);
  return result;
}

const b = await backend('2023-10-10T09:30:00', [DINGTAO_FAMILY]);
// WeChat Pay's API a round trip away too.
const transportOf = b.sandbox.request.bind(b.sandbox);
b.sandbox.request = async (...args) => (await new Promise((r) => setTimeout(r, LATENCY_MS)), transportOf(...args));
emulator.latencyMs = LATENCY_MS;
b.sandbox.scenario = { deliveries: 0, delayMs: 0 };

// A warm instance: published policy versions are read once per instance every 30 s, not per call.
await b.call('o-bench', 'onSale', {});
const payer = DINGTAO_FAMILY.members[0]!;
await measure('lookupHousehold', () => b.call('o-bench', 'lookupHousehold', { name: payer.name, idNumber: payer.idNumber }));
const quote = await measure('quote', () => b.call('o-bench', 'quote', { householdId: DINGTAO_FAMILY.householdId }));
const memberIds = quote.data.members.map((m: { memberId: string }) => m.memberId);
const order = await measure('createOrder (with 统一下单)', () => b.call('o-bench', 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds }));
const callback = await b.sandbox.callbackFor(b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', '')));
await measure('payNotify (settles 2 members)', () => b.notify(callback));
await measure('orderStatus', () => b.call('o-bench', 'orderStatus', { orderNo: order.data.orderNo }));

// Reconcile: open orders paid but never announced, as after an outage of the callback.
emulator.latencyMs = 0;
const households = Array.from({ length: OPEN_ORDERS }, (_, i) => ({
  householdId: `BENCH-${i}`,
  region: 'dingtao',
  unit: '定陶街道',
  members: [{ idNumber: idNumber('371703', `1970-01-${String((i % 28) + 1).padStart(2, '0')}`, String(100 + (i % 800)).padStart(3, '0')), name: `居民${i}` }],
}));
const { seedHouseholds } = await import('../src/server/seed');
await seedHouseholds(b.storage, households.filter((h, i, all) => all.findIndex((o) => o.members[0]!.idNumber === h.members[0]!.idNumber) === i));
let opened = 0;
for (const h of households) {
  const id = h.members[0]!;
  const look = await b.call(`o-r${opened}`, 'lookupHousehold', { name: id.name, idNumber: id.idNumber });
  if (!look.ok) continue;
  const o = await b.call(`o-r${opened}`, 'createOrder', { householdId: look.data.householdId, memberIds: look.data.members.map((m: { memberId: string }) => m.memberId) });
  if (!o.ok) continue;
  b.sandbox.pay(o.data.payParams.package.replace('prepay_id=', ''));
  opened++;
}
b.clock.advance(2 * 60 * 1000);
emulator.latencyMs = LATENCY_MS;
const report = await measure(`reconcile, per order (${opened} open, 8 in parallel)`, () => reconcile(b.deps), opened);
rows.push(`| reconcile, the whole run of ${opened} orders | | | ${Math.round(Number(rows.at(-1)!.split('|')[4]!.trim().split(' ')[0]) * opened / 1000)} s (paid ${report.paid}, failed ${report.failed.length}) |`);

// An import window: operators' rows, 100 at a time.
await b.addOperator('o-op');
const csv = ['户编号,地区,村社区,姓名,证件号码', ...Array.from({ length: 100 }, (_, i) => `IMP-${i},dingtao,定陶街道,导入${i},${idNumber('371703', '1985-05-05', String(100 + i).padStart(3, '0'))}`)].join('\n');
await measure('importRoster, per 100 roster rows (one chunk, 20 writes at a time)', () => b.call('o-op', 'importRoster', { kind: 'roster', csv }));

await measure(`progress (counters and the roster per unit; ${emulator.docs('enrolments').length} enrolments, none read)`, () => b.call('o-op', 'progress', { policyId: 'dingtao-2024' }));

// A policy preview's window: 500 households of one village against a drafted year (demo-2028).
const header = '户编号,地区,村社区,姓名,证件号码';
for (let from = 0; from < 500; from += 100) {
  const rowsOf = Array.from({ length: 100 }, (_, i) => `PV-${String(from + i).padStart(3, '0')},demo,示范村,预览${from + i},${idNumber('110101', '1980-01-01', String(from + i).padStart(3, '0'))}`);
  await b.call('o-op', 'importRoster', { kind: 'roster', csv: [header, ...rowsOf].join('\n') });
}
await b.addOperator('o-drafter', '起草人', { demo: ['drafter'] });
await b.call('o-drafter', 'policyVersions', { action: 'draft', data: JSON.parse(readFileSync('test/fixtures/demo-2028.draft.json', 'utf8')), reason: 'bench' });
await measure('policyVersions preview, one window of 500 households (the staff page asks window after window)', () => b.call('o-op', 'policyVersions', { action: 'preview', policyId: 'demo-2028', version: 1 }));
await b.close();
await emulator.stop();

console.log(`CloudBase cost per operation, ${LATENCY_MS} ms per round trip (npm run bench:cloudbase)\n`);
console.log('| operation | SDK requests | sequential round trips | time |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(r);
process.exit(0);
