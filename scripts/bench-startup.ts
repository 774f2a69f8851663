/**
 * npm run bench:startup
 *
 * How long `npm start`'s server takes to serve on a big data folder: seeds HOUSEHOLDS households
 * (default 100,000, one member each) and as many enrolments into a temporary folder, starts the
 * server on it as its own process, and times (from spawn) the first answer to /healthz, the first
 * lookup answered, and the end of warming the roster into memory (its log line). Asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/core/civil-date';
import { PgliteStorage } from '../src/server/pglite-storage';
import { seedHouseholds, type HouseholdSeed } from '../src/server/seed';
import { idNumber } from '../test/support/people';

const HOUSEHOLDS = Number(process.env.HOUSEHOLDS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 8797);
const base = `http://127.0.0.1:${PORT}`;

const households: HouseholdSeed[] = Array.from({ length: HOUSEHOLDS }, (_, i) => ({
  householdId: `S${i}`,
  region: 'tengzhou',
  unit: '北辛街道',
  members: [{ idNumber: idNumber('370481', addDays('1940-01-01', i % 20_000), String(Math.floor(i / 20_000)).padStart(3, '0')), name: `居民${i}` }],
}));

const dir = mkdtempSync(join(tmpdir(), 'yibao-startup-'));
process.stderr.write(`seeding ${HOUSEHOLDS} households and ${HOUSEHOLDS} enrolments …\n`);
const storage = await PgliteStorage.open(dir);
const unique = [...new Map(households.map((h) => [h.members[0]!.idNumber, h])).values()];
await seedHouseholds(storage, unique);
const persons = (await storage.sql.query<{ person_id: string }>('select person_id from persons')).rows.map((r) => r.person_id);
for (let i = 0; i < persons.length; i += 5_000) {
  await storage.claimEnrolments(
    persons.slice(i, i + 5_000).map((personId) => ({ personId, policyId: 'tengzhou-2021', orderNo: `YB${personId}`, coverageStart: '2021-01-01', coverageEnd: '2021-12-31', paidAmount: 28000, status: 'enrolled' as const })),
  );
}
await storage.close();

const started = performance.now();
const since = () => ((performance.now() - started) / 1000).toFixed(2);
const marks: Record<string, string> = {};
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, PORT: String(PORT), YIBAO_DATA: dir, YIBAO_TODAY: '2020-12-01' }, stdio: ['ignore', 'pipe', 'inherit'] });
const warmed = new Promise<void>((resolve) =>
  server.stdout!.on('data', (chunk: Buffer) => {
    if (/households in memory/.test(chunk.toString())) {
      marks.warmed = since();
      resolve();
    }
  }),
);
try {
  for (;;) {
    if (server.exitCode !== null) throw new Error('the server exited');
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  marks.listening = since();
  const who = unique[Math.floor(unique.length / 2)]!.members[0]!;
  const res = await fetch(`${base}/api/lookupHousehold`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Openid': 'o-startup' }, body: JSON.stringify({ name: who.name, idNumber: who.idNumber }) });
  marks.firstLookup = `${since()} (${((await res.json()) as { ok: boolean }).ok ? 'found' : 'not found'})`;
  await warmed;
  console.log(`| ${unique.length.toLocaleString('en')} households, ${persons.length.toLocaleString('en')} enrolments | listening ${marks.listening} s | first lookup ${marks.firstLookup} s | warmed ${marks.warmed} s |`);
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
