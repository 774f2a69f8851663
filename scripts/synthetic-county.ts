/**
 * A synthetic county for benchmarks: households of 1–6 persons with valid ID numbers, mixed ages,
 * identities, newborns, late payers, students and employee-insured members, written as quote
 * request lines. Seeded, so every run writes the same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { addDays } from '../src/core/civil-date';
import { checkCharacter } from '../src/core/id-number';

/** mulberry32: small, fast, reproducible. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IDENTITIES = ['dibao', 'tekun', 'orphan', 'poverty_exited_enjoying', 'disabled_severe', 'veteran_preferential', 'fp_rural_one_daughter', 'village_cadre'];

/**
 * Every person carries an enrolment history: 70% continuous, the rest broken 1–6 years, some
 * never insured; a fifth of the broken back-pay their latest missing year; 30% claim-free.
 */
function history(rand: () => number, coverageYear: number, birthYear: number): Record<string, unknown> {
  const r = rand();
  const k = r < 0.7 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 + Math.floor(rand() * 2) : 4 + Math.floor(rand() * 3);
  const last = coverageYear - 1 - k;
  const first = Math.max(birthYear, last - 10);
  const enrolledYears: number[] = [];
  for (let y = first; y <= last; y++) enrolledYears.push(y);
  const out: Record<string, unknown> = { enrolledYears, claimFreeLastYear: rand() < 0.3 };
  if (coverageYear >= 2025 && k > 0 && enrolledYears.length > 0 && rand() < 0.2) out.repairYears = [coverageYear - 1];
  return out;
}

export async function writeCounty(path: string, persons: number, seed = 2021): Promise<{ households: number; persons: number }> {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const out = createWriteStream(path);
  let written = 0;
  let households = 0;
  let serial = 0;
  while (written < persons) {
    const size = Math.min(persons - written, 1 + Math.floor(rand() * 6));
    // Half the households pay tengzhou-2021, half demo-2027 (the national layer: waiting periods from history).
    const year = rand() < 0.5 ? 2021 : 2027;
    const shift = (year - 2021) * 365 + 2;
    const paidOn = addDays(rand() < 0.85 ? addDays('2020-11-01', Math.floor(rand() * 50)) : addDays('2020-12-21', Math.floor(rand() * 300)), shift);
    const household = [];
    for (let i = 0; i < size; i++) {
      const r = rand();
      // 3% newborns, born up to 120 days before the payment; the rest born 1930–2017.
      const birth = r < 0.03 ? addDays(paidOn, -Math.floor(rand() * 120)) : addDays('1930-01-01', Math.floor(rand() * 32000));
      const first17 = `370481${birth.replaceAll('-', '')}${String(serial++ % 1000).padStart(3, '0')}`;
      const person: Record<string, unknown> = { id: first17 + checkCharacter(first17), name: `居民${serial}` };
      if (rand() < 0.15) person.identities = rand() < 0.2 ? [pick(IDENTITIES), pick(IDENTITIES)] : [pick(IDENTITIES)];
      if (rand() < 0.08) person.employeeInsured = true;
      if (rand() < 0.05) person.school = true;
      if (rand() < 0.03) Object.assign(person, { hukou: 'nonlocal', residencePermit: rand() < 0.7 });
      if (rand() < 0.02) person.paid = true;
      Object.assign(person, history(rand, year, Number(birth.slice(0, 4))));
      household.push(person);
    }
    if (paidOn > `${year}-12-31`) continue;
    written += size;
    households++;
    const line = JSON.stringify({ ref: `h${households}`, policy: year === 2021 ? 'tengzhou-2021' : 'demo-2027', paidOn, household }) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { households, persons: written };
}
