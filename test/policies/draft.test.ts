/** A county drafts its next coverage year as data: what is missing and what is refused, in Chinese. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDraft, draftFrom } from '../../src/policies/draft';
import { policySource } from '../../src/policies/registry';

/** What a bureau types in from its 2028 notice: values, and every clause cited to the new notice. */
const FILLED = 'test/fixtures/demo-2028.draft.json';
const filled = (): any => JSON.parse(readFileSync(FILLED, 'utf8'));

describe('a new coverage year drafted from last year', () => {
  it('leaves every yearly value empty, keeps last year beside it, and is not sellable until filled', () => {
    const draft: any = draftFrom(policySource('demo-2027')!, 2028);
    expect(draft).toMatchObject({ id: 'demo-2028', coverageYear: 2028, standard: { value: null, cite: null }, extensions: [], targets: null });
    expect(draft['$上年度'].standard).toEqual({ value: '400.00', cite: 'demo-2027 §个人缴费' });
    // What each part is, for the editor: every top-level value the bureau fills has a note.
    for (const key of ['notice', 'coverage', 'standard', 'fiscalPerCapita', 'collection', 'subsidies', 'newborn', 'counterOffice', 'counter', 'national', 'cite']) expect(draft['$字段说明'][key], key).toMatch(/./);
    const check = checkDraft(draft);
    expect(check.policy).toBeNull();
    expect(check.missing).toContain('个人缴费标准（standard.value）');
    expect(check.missing).toContain('集中参保期开始的条款（collection.opens.cite）');
    expect(check.missing).toContain('资助“低保对象”的金额和条款（subsidies.3）');
    expect(check.missing).toContain('通知标题（notice.title）');
    expect(check.staleCites).toContain('demo-2027 §新生儿');
  });

  it('once filled and cited to the new notice, checks as the year that would be sold', () => {
    const check = checkDraft(filled());
    expect(check).toMatchObject({ missing: [], staleCites: [], invalid: [] });
    expect(check.policy).toMatchObject({ id: 'demo-2028', coverageYear: 2028, standard: { value: 42000 } });
  });

  it('names each refused value: a bad amount, a subsidy above the standard, a period that ends before it opens', () => {
    const bad = filled();
    bad.standard.value = '四百元';
    expect(checkDraft(bad).invalid).toEqual(['字段 standard.value 不正确：金额应为最多两位小数的元']);
    const above = filled();
    above.subsidies[0].amount = '500.00';
    expect(checkDraft(above).invalid.join()).toContain('资助 tekun 超过个人缴费标准');
    const backwards = filled();
    backwards.collection.closes.value = '2027-08-01';
    expect(checkDraft(backwards).invalid.join()).toContain('征缴期开始晚于结束');
  });

  it('a subsidy the notice names without an amount stays null with its clause (the counter decides)', () => {
    const draft = filled();
    draft.subsidies[5].amount = null;
    expect(checkDraft(draft).policy?.subsidies[5]).toMatchObject({ amount: null });
  });

  it('npm run policy: draft writes the file; check exits 1 while anything is left, 0 when it passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-policy-'));
    const run = (...args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/policy.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { code: err.status, out: err.stdout + err.stderr };
      }
    };
    const draftFile = join(dir, 'demo-2028.json');
    expect(run('draft', 'demo', '2028', '--from', 'demo-2027', '--out', draftFile)).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(draftFile, 'utf8')).id).toBe('demo-2028');
    const missing = run('check', draftFile);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('个人缴费标准（standard.value）');
    writeFileSync(draftFile, JSON.stringify(filled()));
    expect(run('check', draftFile)).toMatchObject({ code: 0, out: expect.stringContaining('demo-2028 检查通过') });
    expect(run('draft', 'demo', '2028', '--from', 'nowhere-2027').out).toContain('没有已发布的“nowhere-2027”');
  });
});
