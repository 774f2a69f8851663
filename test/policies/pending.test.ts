/**
 * The seed regions' years 2025–2027: on sale in reality, no local notice found
 * (POLICY-2025-2027.md §2–3). Never a number: every member to the counter, "标准待公布".
 */
import { describe, expect, it } from 'vitest';
import { answerRefund, type RefundRequestLine } from '../../src/contracts/refund';
import { findPendingYear, pendingYearOn } from '../../src/policies/registry';
import { quote } from '../support/people';

describe('pending years (标准待公布)', () => {
  it.each(['tengzhou', 'qixian', 'huining', 'zhaoqing', 'dingtao'].flatMap((r) => [2025, 2026, 2027].map((y) => `${r}-${y}`)))('%s: every member to the counter, nothing priced', (id) => {
    const q = quote(id, '2026-12-02', [{}, { born: '2026-11-01', seq: '002' }, { identities: ['tekun'], seq: '003' }]);
    expect(q.totalDue).toBe('0.00');
    for (const m of q.members) {
      expect(m).toMatchObject({ outcome: 'counter' });
      expect(m).not.toHaveProperty('due');
      expect(m.reason).toContain('缴费标准待公布');
      expect(m.citations[0]).toMatch(/标准待公布（POLICY-2025-2027\.md §2\.\d）/);
    }
  });

  it('what the research found is kept with its certainty, and what is missing is listed', () => {
    const y = findPendingYear('dingtao-2027')!;
    expect(y.found.map((f) => f.certainty)).toContain('INFERRED');
    expect(y.missing).toContain('个人缴费标准');
  });

  it('a refund under a pending year is not answered with a rule it does not have', () => {
    const line = { policy: 'dingtao-2027', requestedOn: '2026-12-20', paidOn: '2026-12-01', paidAmount: '400.00', reason: 'duplicate' } as RefundRequestLine;
    expect(() => answerRefund(line)).toThrow(/缴费标准待公布/);
  });

  it('the year a resident asks about: from September the next one', () => {
    expect(pendingYearOn('dingtao', '2026-12-02')?.id).toBe('dingtao-2027');
    expect(pendingYearOn('dingtao', '2026-03-10')?.id).toBe('dingtao-2026');
    expect(pendingYearOn('dingtao', '2027-10-01')?.id).toBe('dingtao-2027');
    expect(pendingYearOn('dingtao', '2028-10-01')).toBeUndefined();
    expect(pendingYearOn('demo', '2026-12-02')).toBeUndefined();
  });
});
