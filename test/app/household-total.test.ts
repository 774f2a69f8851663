/** The total on the household page is summed in fen from the server's amounts. */
import { describe, expect, it } from 'vitest';
import type { FunctionReply } from '../../src/contracts/replies';
import { totalOf } from '../../src/packages/pay/household/total';

const member = (memberId: string, due: string) => ({
  memberId, name: '张*', idNumber: '3****************1', birthYear: 1980, outcome: 'pay' as const, standard: '380.00', subsidy: null,
  due, coverageStart: '2024-01-01', coverageEnd: '2024-12-31', entry: 'on_time' as const, reason: '', citations: [],
});

describe('totalOf', () => {
  it('adds the selected members exactly (0.10 + 0.20 is 0.30)', () => {
    const quote = { members: [member('a', '0.10'), member('b', '0.20'), member('c', '380.00')] } as unknown as FunctionReply<'quote'>;
    expect(totalOf(quote, new Set(['a', 'b']))).toBe('0.30');
    expect(totalOf(quote, new Set(['a', 'b', 'c']))).toBe('380.30');
    expect(totalOf(quote, new Set())).toBe('0.00');
  });
});
