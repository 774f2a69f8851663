/** Every event in every refund state: the table in the README, and nothing else, moves a refund. */
import { describe, expect, it } from 'vitest';
import { nextRefundState, REFUND_EVENTS, REFUND_STATES, REFUND_STATE_WORDS, type RefundEvent, type RefundState } from '../../src/core/refund-states';

const ALLOWED: Array<[RefundState, RefundEvent, RefundState]> = [
  ['review', 'operator_approved', 'requested'],
  ['review', 'operator_rejected', 'rejected'],
  ['requested', 'gateway_accepted', 'processing'],
  ['requested', 'gateway_succeeded', 'succeeded'],
  ['requested', 'gateway_failed', 'failed'],
  ['processing', 'gateway_accepted', 'processing'],
  ['processing', 'gateway_succeeded', 'succeeded'],
  ['processing', 'gateway_failed', 'failed'],
  ['failed', 'retry', 'requested'],
];

describe('refund states', () => {
  it.each(REFUND_STATES.flatMap((s) => REFUND_EVENTS.map((e) => [s, e] as const)))('%s + %s', (state, event) => {
    const allowed = ALLOWED.find(([s, e]) => s === state && e === event);
    expect(nextRefundState(state, event)).toBe(allowed ? allowed[2] : null);
  });

  it('succeeded and rejected are final, only a request in review is decided by an operator, and only a failure may be retried', () => {
    for (const e of REFUND_EVENTS) expect(nextRefundState('succeeded', e)).toBeNull();
    for (const e of REFUND_EVENTS) expect(nextRefundState('rejected', e)).toBeNull();
    for (const s of REFUND_STATES) expect(nextRefundState(s, 'operator_approved') !== null).toBe(s === 'review');
    for (const s of REFUND_STATES) expect(nextRefundState(s, 'retry')).toBe(s === 'failed' ? 'requested' : null);
  });

  it('every state is said in words a resident can act on', () => {
    for (const s of REFUND_STATES) expect(REFUND_STATE_WORDS[s]).toMatch(/[\u4e00-\u9fa5]/);
  });
});
