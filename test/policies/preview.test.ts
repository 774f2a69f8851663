/** A draft year run over households before approval: what changes, for whom, and by how much. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { householdFacts } from '../../src/contracts/quote';
import { checkDraft } from '../../src/policies/draft';
import { nextYearFacts, Preview } from '../../src/policies/preview';
import { findPolicy } from '../../src/policies/registry';
import { idNumber } from '../support/people';

const current = findPolicy('demo-2027')!;
/** demo-2028 as a bureau would fill it: standard 420.00, 低保 300.00, every other group 420.00. */
const FIXTURE = 'test/fixtures/demo-2028.draft.json';
const draft = checkDraft(JSON.parse(readFileSync(FIXTURE, 'utf8'))).policy!;

const ADULT = { id: idNumber('110101', '1980-01-01', '011'), name: '赵一', enrolledYears: [2024, 2025, 2026] };
const DIBAO = { id: idNumber('110101', '1970-02-02', '022'), name: '钱二', identities: ['dibao'] };
const BABY = { id: idNumber('110101', '2027-03-03', '033'), name: '孙三' };
const lines = [
  { ref: 'H1', policy: 'demo-2027', paidOn: '2026-09-01', household: [ADULT, DIBAO] },
  { ref: 'H2', policy: 'demo-2027', paidOn: '2026-09-01', household: [ADULT, BABY].map((p, i) => ({ ...p, id: i === 0 ? idNumber('110101', '1990-05-05', '044') : p.id })) },
];

describe('preview of demo-2028 against demo-2027', () => {
  it('groups amount changes by reason, counts outcome changes, and totals residents and subsidies', () => {
    const p = new Preview(current, draft);
    const opens = current.collection.opens.value;
    const h1 = p.add('H1', householdFacts(lines[0]!.household, opens), nextYearFacts(householdFacts(lines[0]!.household, draft.collection.opens.value), current))!;
    // The adult's 400.00 becomes 420.00; 低保 120.00 stays 120.00 (300.00 of 420.00 subsidised).
    expect(h1.map((c) => [c.name, c.before.due, c.after.due])).toEqual([['赵*', 40000, 42000]]);
    // A child born after this year's first collection day is only in next year's household.
    const baby = p.add('H2', householdFacts([lines[1]!.household[0]!], opens), householdFacts(lines[1]!.household, draft.collection.opens.value))!;
    expect(baby.map((c) => c.reason)).toEqual(['个人缴费标准400.00→420.00，无资助：每人+20.00元', 'born→pay']);
    const r = p.result();
    expect(r).toMatchObject({ households: 2, persons: 4, outcomeChanges: { 'born→pay': 1 }, amountChanges: { '个人缴费标准400.00→420.00，无资助：每人+20.00元': 2 } });
    expect(r.before).toEqual({ personal: 40000 + 12000 + 40000, subsidies: { 按示范县规定: 28000 } });
    expect(r.after).toEqual({ personal: 42000 + 12000 + 42000 + 42000, subsidies: { 按示范县规定: 30000 } });
    expect(r.sample.map((h) => h.ref)).toEqual(['H1', 'H2']);
  });

  it('continuous payers stay continuous next year: this year counts as enrolled', () => {
    const [adult] = nextYearFacts(householdFacts([ADULT], '2027-09-01'), current);
    expect(adult!.enrolledYears).toEqual([2024, 2025, 2026, 2027]);
  });

  it('npm run policy -- preview reads households on stdin and writes the changes as CSV', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'yibao-preview-')), 'changes.csv');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/policy.ts', 'preview', FIXTURE, '--against', 'demo-2027', '--csv', csv], {
      input: lines.map((l) => JSON.stringify(l)).join('\n'),
      encoding: 'utf8',
    });
    expect(out).toContain('demo-2027 → demo-2028：2 户 4 人');
    expect(out).toContain('本年度个人缴费合计（不含补缴往年）：920.00 → 1380.00 元');
    expect(readFileSync(csv, 'utf8').split('\n').filter(Boolean)).toEqual([
      '\ufeff户,姓名,原结果,原应缴,新结果,新应缴,原因',
      'H1,赵*,pay,400.00,pay,420.00,个人缴费标准400.00→420.00，无资助：每人+20.00元',
      'H2,赵*,pay,400.00,pay,420.00,个人缴费标准400.00→420.00，无资助：每人+20.00元',
      'H2,孙*,born,,pay,420.00,born→pay',
    ]);
  });
});
