/**
 * npm run bench:quote — times `quote` over a synthetic county the size of tengzhou's target
 * (1,487,341 persons, tengzhou-2021 附件) next to a bare streaming JSON parse+stringify of the
 * same file (the floor), and shows that memory does not grow with the input. Results go to stdout
 * as a Markdown table for the README; nothing here asserts a time.
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { findPolicy } from '../src/policies/registry';
import { writeCounty } from './synthetic-county';

const DIR = '.bench';
const PERSONS = findPolicy('tengzhou-2021')!.targets!.total;

interface Run {
  label: string;
  seconds: number;
  peakMb: number;
  outBytes: number;
}

/** Peak resident memory of a process or, larger, of any process under it (npm runs node), from /proc (Linux). */
function highWaterMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const own = m ? Number(m[1]) / 1024 : 0;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return Math.max(own, ...children.map(highWaterMb));
  } catch {
    return 0;
  }
}

/** Runs an npm script exactly as a user does (`npm run --silent NAME < input > output`). */
async function run(label: string, script: string, input: string, env: Record<string, string> = {}): Promise<Run> {
  const output = `${DIR}/out.jsonl`;
  // The child reads and writes the files itself, as with a shell redirect: no copying through this process.
  const [inFd, outFd] = [openSync(input, 'r'), openSync(output, 'w')];
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['run', '--silent', script], { env: { ...process.env, ...env }, stdio: [inFd, outFd, 'inherit'] });
  let peakMb = 0;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, highWaterMb(child.pid!))), 100);
  const [code] = await once(child, 'close');
  clearInterval(sampler);
  closeSync(inFd);
  closeSync(outFd);
  if (code !== 0) throw new Error(`${label} exited with ${code}`);
  return { label, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb, outBytes: statSync(output).size };
}

async function slice(from: string, to: string, lines: number): Promise<void> {
  const out = createWriteStream(to);
  let n = 0;
  for await (const chunk of createReadStream(from, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = chunk as string;
    let end = 0;
    for (; n < lines; n++) {
      const nl = text.indexOf('\n', end);
      if (nl === -1) break;
      end = nl + 1;
    }
    out.write(text.slice(0, end === 0 && n < lines ? text.length : end));
    if (n >= lines) break;
  }
  out.end();
  await once(out, 'finish');
}

mkdirSync(DIR, { recursive: true });
const county = `${DIR}/county.jsonl`;
let households = 0;
if (!existsSync(county)) {
  process.stderr.write(`writing ${PERSONS} persons to ${county} …\n`);
  households = (await writeCounty(county, PERSONS)).households;
} else {
  households = readFileSync(county, 'utf8').split('\n').length - 1;
}
const tenth = `${DIR}/county-10pct.jsonl`;
await slice(county, tenth, Math.round(households / 10));

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const plans = [
  ['floor: JSON.parse + JSON.stringify (npm run bench:floor)', 'bench:floor', county, {}],
  ['npm run quote (worker threads, the default)', 'quote', county, {}],
  ['npm run quote, one thread (YIBAO_THREADS=0)', 'quote', county, { YIBAO_THREADS: '0' }],
  ['npm run quote on 10% of the county', 'quote', tenth, {}],
  ['npm run quote on 10%, one thread', 'quote', tenth, { YIBAO_THREADS: '0' }],
] as const;
// Rounds interleave the runs so that a noisy neighbour slows all of them alike; medians are reported.
const samples = plans.map(() => [] as Run[]);
for (let round = 1; round <= ROUNDS; round++) {
  for (const [i, [label, script, input, env]] of plans.entries()) {
    process.stderr.write(`round ${round}/${ROUNDS}: ${label} …\n`);
    samples[i]!.push(await run(label, script, input, env));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = samples.map((s) => ({ ...s[0]!, seconds: median(s.map((r) => r.seconds)), peakMb: Math.max(...s.map((r) => r.peakMb)) }));

const inputMb = statSync(county).size / 2 ** 20;
const floor = runs[0]!;
console.log(`county: ${PERSONS} persons in ${households} households, ${inputMb.toFixed(0)} MiB of JSON Lines; median of ${ROUNDS} interleaved rounds, highest peak RSS`);
console.log('');
console.log('| run | seconds | persons/s | vs floor | peak RSS MiB | output MiB |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of runs) {
  const persons = r.label.includes('10%') ? PERSONS / 10 : PERSONS;
  const share = r.label.includes('10%') ? '' : `${((floor.seconds / r.seconds) * 100).toFixed(0)}%`;
  console.log(`| ${r.label} | ${r.seconds.toFixed(2)} | ${Math.round(persons / r.seconds).toLocaleString('en')} | ${share} | ${r.peakMb.toFixed(0)} | ${(r.outBytes / 2 ** 20).toFixed(0)} |`);
}
