/**
 * npm run bench:preview — a draft year previewed over a synthetic county (PREVIEW_PERSONS persons,
 * default 100,000): `npm run policy -- preview` on test/fixtures/demo-2028.draft.json against
 * demo-2027, timed, with its peak memory (/usr/bin/time). Prints a Markdown row for the README.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCounty } from './synthetic-county';

const persons = Number(process.env.PREVIEW_PERSONS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'yibao-preview-'));
const county = join(dir, 'county.jsonl');
const written = await writeCounty(county, persons);
const started = performance.now();
const run = spawnSync('/usr/bin/time', ['-f', 'peak %M KB', process.execPath, '--import', 'tsx', 'src/cli/policy.ts', 'preview', 'test/fixtures/demo-2028.draft.json', '--against', 'demo-2027', '--csv', join(dir, 'changes.csv')], {
  stdio: [openSync(county, 'r'), 'pipe', 'pipe'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const seconds = (performance.now() - started) / 1000;
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) throw new Error(`preview failed: ${run.stderr}`);
const peakMb = Number(/peak (\d+) KB/.exec(run.stderr)?.[1] ?? NaN) / 1024;
console.log(run.stdout);
console.log(`| ${written.households.toLocaleString('en')} households, ${written.persons.toLocaleString('en')} persons | ${seconds.toFixed(1)} s | ${peakMb.toFixed(0)} MB |`);
