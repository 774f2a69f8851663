/**
 * npm run bench:server — the local server under load, on loopback only, every loop bounded.
 *  1. lookup + quote: 200 concurrent clients (then 20), each pair with a fresh OPENID (as many
 *     residents would), for a fixed time; p50/p99 latency and throughput from autocannon.
 *  2. paid orders end to end: 50 payers, each creating an order, paying in the sandbox and asking
 *     every 50 ms until the signed callback (over HTTP) has enrolled it; orders per second.
 *  3. the same without the asking: the clock stops when the operators' progress counts every
 *     member enrolled (the server's own pace).
 * The server runs as in `npm start` (its own process) on a roster seeded into a temporary folder.
 * Results are printed as Markdown for the README; nothing asserts a time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { addDays } from '../src/core/civil-date';
import { checkCharacter } from '../src/core/id-number';
import { PgliteStorage } from '../src/server/pglite-storage';
import { post } from '../src/server/loopback-post';
import { seedHouseholds, type HouseholdSeed } from '../src/server/seed';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 6000);
const PORT = Number(process.env.BENCH_PORT ?? 18787);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 2500);
const base = `http://127.0.0.1:${PORT}`;

/** Unique at any size: the birth date walks with the household, the sequence with the member. */
function person(i: number, k: number) {
  const birth = addDays('1930-01-01', (i * 5 + k) % 30000).replaceAll('-', '');
  const first17 = `370481${birth}${String(Math.floor((i * 5 + k) / 30000) * 10 + k).padStart(3, '0')}`;
  return { idNumber: first17 + checkCharacter(first17), name: `居民${i}-${k}` };
}

/** Households only the warm-up looks up: the JIT warms on them, not on the measured ones. */
const WARMUP_HOUSEHOLDS = 2000;

function roster(): HouseholdSeed[] {
  return Array.from({ length: HOUSEHOLDS + WARMUP_HOUSEHOLDS }, (_, i) => ({
    householdId: `B${i}`,
    region: 'tengzhou',
    unit: '北辛街道',
    members: Array.from({ length: 1 + (i % 4) }, (_, k) => person(i, k)),
  }));
}

async function call(path: string, body: unknown, openid: string) {
  const res = await post(`${base}${path}`, { 'Content-Type': 'application/json', 'X-Openid': openid }, JSON.stringify(body));
  return JSON.parse(res.body) as any;
}

/** Runs `work` for every item, 50 at a time. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function waitForServer(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start in 30 s');
}

const busy = await fetch(`${base}/healthz`).then(
  () => true,
  () => false,
);
if (busy) {
  console.error(`port ${PORT} is already answering: stop that server or set BENCH_PORT`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-'));
const everyone = roster();
const households = everyone.slice(0, HOUSEHOLDS);
const warmupHouseholds = everyone.slice(HOUSEHOLDS);
process.stderr.write(`seeding ${everyone.length} households …\n`);
const storage = await PgliteStorage.open(dir);
await seedHouseholds(storage, everyone);
await storage.close();

// node itself, not `npm start`: killing npm does not always stop the server it started.
const server = spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, PORT: String(PORT), YIBAO_DATA: dir, YIBAO_TODAY: '2020-12-01' }, stdio: ['ignore', 'ignore', 'inherit'] });
try {
  await waitForServer(server);

  // 1. lookup + quote; each connection alternates lookup (new OPENID) and quote. 200 connections
  // is the issue's load; 20 shows the latency of a server that is not saturated.
  let cycle = 0;
  const lookupAndQuote = (connections: number, duration: number, pool = households) =>
    autocannon({
      url: base,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/lookupHousehold',
          setupRequest: (req: any, context: any) => {
            const h = pool[cycle++ % pool.length]!;
            context.openid = `bench-${cycle}`;
            context.householdId = h.householdId;
            const m = h.members[0]!;
            return { ...req, headers: { 'content-type': 'application/json', 'x-openid': context.openid }, body: JSON.stringify({ name: m.name, idNumber: m.idNumber }) };
          },
        },
        {
          method: 'POST',
          path: '/api/quote',
          setupRequest: (req: any, context: any) => ({ ...req, headers: { 'content-type': 'application/json', 'x-openid': context.openid }, body: JSON.stringify({ householdId: context.householdId }) }),
        },
      ],
    } as any);
  // A server that has just started compiles as it goes: 3 s of warm-up on other households first.
  process.stderr.write(`warm-up 3 s; lookup + quote: 200 connections for ${SECONDS} s, then 20 for ${SECONDS} s …\n`);
  await lookupAndQuote(50, 3, warmupHouseholds);
  cycle = 0;
  await call('/sandbox/timings', {}, 'bench');
  const load = await lookupAndQuote(200, SECONDS);
  const serverSide = (await call('/sandbox/timings', {}, 'bench')).data as { count: number; p50: number; p99: number; max: number };
  const light = await lookupAndQuote(20, SECONDS);

  // 2. and 3. paid orders end to end. Looking up and quoting come first, untimed: the clock runs
  // from the first createOrder until the last order is enrolled.
  type Payer = { h: HouseholdSeed; openid: string; memberIds: string[] };
  const prepare = async (group: HouseholdSeed[], tag: string): Promise<Payer[]> => {
    const payers = group.map((h, i) => ({ h, openid: `${tag}-${i}`, memberIds: [] as string[] }));
    await inParallel(payers, async (p) => {
      await call('/api/lookupHousehold', { name: p.h.members[0]!.name, idNumber: p.h.members[0]!.idNumber }, p.openid);
      const q = await call('/api/quote', { householdId: p.h.householdId }, p.openid);
      p.memberIds = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
    });
    return payers;
  };
  const createAndPay = async (p: Payer): Promise<string> => {
    const order = await call('/api/createOrder', { householdId: p.h.householdId, memberIds: p.memberIds }, p.openid);
    if (!order.ok) throw new Error(`createOrder: ${order.error.message}`);
    if (order.data.payParams) await call('/sandbox/pay', { prepayId: order.data.payParams.package.replace('prepay_id=', '') }, p.openid);
    return order.data.orderNo;
  };

  // 2. Each payer creates, pays in the sandbox, then asks every 50 ms until the order is enrolled —
  // as the result page does (every 1.5 s there) — before taking the next household.
  process.stderr.write(`paid orders: ${ORDERS} households, 50 payers polling …\n`);
  const polling = await prepare(households.slice(households.length - ORDERS), 'payer');
  let started = performance.now();
  let paid = 0;
  await inParallel(polling, async (p) => {
    const orderNo = await createAndPay(p);
    for (let i = 0; i < 600; i++) {
      if ((await call('/api/orderStatus', { orderNo }, p.openid)).data.status === 'paid') {
        paid++;
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  const seconds = (performance.now() - started) / 1000;

  // 3. The server's own pace: payers create and pay without asking; the clock stops when the
  // operators' progress (one query, every 100 ms) counts every member enrolled.
  process.stderr.write(`paid orders: ${ORDERS} more households, 50 payers, enrolment watched by progress …\n`);
  const enrolledNow = async () => (await call('/api/progress', { policyId: 'tengzhou-2021' }, 'demo-operator')).data.total.enrolled as number;
  const quiet = await prepare(households.slice(households.length - 2 * ORDERS, households.length - ORDERS), 'quiet');
  const expected = (await enrolledNow()) + quiet.reduce((sum, p) => sum + p.memberIds.length, 0);
  started = performance.now();
  await inParallel(quiet, async (p) => void (await createAndPay(p)));
  for (let i = 0; i < 600 && (await enrolledNow()) < expected; i++) await new Promise((r) => setTimeout(r, 100));
  const serverSeconds = (performance.now() - started) / 1000;
  const serverPaced = (await enrolledNow()) >= expected;

  const l = load.latency as any;
  console.log(`${everyone.length} households seeded; server: npm start (PGlite) on loopback; client: autocannon + node:http in another process`);
  console.log('');
  console.log('| measure | result |');
  console.log('|---|---:|');
  console.log(`| lookup + quote, 200 connections: requests/s | ${Math.round(load.requests.average)} |`);
  console.log(`| latency p50 / p99 / max (ms) | ${l.p50} / ${l.p99} / ${l.max} |`);
  console.log(`| errors (timeouts) / non-2xx | ${load.errors} / ${load.non2xx} |`);
  console.log(`| the same requests timed inside the server: p50 / p99 / max (ms) | ${serverSide.p50} / ${serverSide.p99} / ${serverSide.max} |`);
  const m = light.latency as any;
  console.log(`| lookup + quote, 20 connections: requests/s; p50 / p99 (ms) | ${Math.round(light.requests.average)}; ${m.p50} / ${m.p99} |`);
  console.log(`| paid orders end to end (create → pay → callback → enrolled), 50 payers polling every 50 ms | ${(paid / seconds).toFixed(0)} orders/s (${paid} in ${seconds.toFixed(1)} s) |`);
  console.log(`| paid orders end to end, 50 payers, enrolment watched by progress | ${serverPaced ? `${(quiet.length / serverSeconds).toFixed(0)} orders/s (${quiet.length} in ${serverSeconds.toFixed(1)} s)` : 'not all enrolled in 60 s'} |`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
