/** The staff page adds a preview's windows up: counts and amounts (in whole fen), the sample capped. */
import { describe, expect, it } from 'vitest';
import { addWindow, type PreviewReply } from '../../src/packages/operator/policy/add-preview';

const window = (n: number, next: string | null): PreviewReply => ({
  current: 'demo-2027',
  next,
  households: n,
  persons: 2 * n,
  outcomeChanges: { 'born→pay': 1 },
  amountChanges: { 个人缴费标准上调: n },
  before: { personal: '400.10', subsidies: { 财政: '0.95' } },
  after: { personal: '420.05', subsidies: { 医疗救助: '200.00' } },
  sample: Array.from({ length: 15 }, (_, i) => ({ ref: `H${n}-${i}`, members: [] })),
  changes: [{ ref: `H${n}-0`, name: '郑*国', before: { outcome: 'pay', due: '400.00' }, after: { outcome: 'pay', due: '420.00' }, reason: '个人缴费标准上调' }],
});

describe('a preview window by window', () => {
  it('adds counts and amounts, keeps the last cursor, every changed person and the first twenty households', () => {
    const sum = addWindow(addWindow(null, window(3, 'H3')), window(2, null));
    expect(sum).toMatchObject({ next: null, households: 5, persons: 10, outcomeChanges: { 'born→pay': 2 }, amountChanges: { 个人缴费标准上调: 5 } });
    expect(sum.before).toEqual({ personal: '800.20', subsidies: { 财政: '1.90' } });
    expect(sum.after).toEqual({ personal: '840.10', subsidies: { 医疗救助: '400.00' } });
    expect(sum.changes.map((c) => c.ref)).toEqual(['H3-0', 'H2-0']);
    expect(sum.sample.map((h) => h.ref)).toEqual([...Array.from({ length: 15 }, (_, i) => `H3-${i}`), ...Array.from({ length: 5 }, (_, i) => `H2-${i}`)]);
  });
});
