/**
 * The states a refund can be in, and the only events that move it (README: "Refund states").
 * Money goes back only through the gateway, so a refund is `succeeded` only when WeChat Pay says
 * SUCCESS — an accepted request is `processing`, never success. A failed refund stays visible and
 * may be tried again, by the resident who asked or by an operator.
 */
export type RefundState = 'requested' | 'processing' | 'succeeded' | 'failed';

export type RefundEvent =
  /** WeChat Pay took the request and is sending the money (PROCESSING). */
  | 'gateway_accepted'
  /** WeChat Pay says the money is back (SUCCESS: answer, notification or query). */
  | 'gateway_succeeded'
  /** WeChat Pay refused or gave up (4xx, CLOSED, ABNORMAL). */
  | 'gateway_failed'
  /** The resident or an operator asks again after a failure. */
  | 'retry';

export const REFUND_STATES: readonly RefundState[] = ['requested', 'processing', 'succeeded', 'failed'];
export const REFUND_EVENTS: readonly RefundEvent[] = ['gateway_accepted', 'gateway_succeeded', 'gateway_failed', 'retry'];

const TRANSITIONS: Record<RefundState, Partial<Record<RefundEvent, RefundState>>> = {
  requested: { gateway_accepted: 'processing', gateway_succeeded: 'succeeded', gateway_failed: 'failed' },
  // WeChat Pay may repeat PROCESSING (a query, a re-sent request): nothing changes.
  processing: { gateway_accepted: 'processing', gateway_succeeded: 'succeeded', gateway_failed: 'failed' },
  failed: { retry: 'requested' },
  // Final: a late or repeated notice changes nothing.
  succeeded: {},
};

/** The state after `event`, or null when the event is not allowed in `state`. */
export function nextRefundState(state: RefundState, event: RefundEvent): RefundState | null {
  return TRANSITIONS[state][event] ?? null;
}

/** What the resident and the operator read for each state. */
export const REFUND_STATE_WORDS: Record<RefundState, string> = {
  requested: '退款申请已提交，等待微信支付受理',
  processing: '退款处理中，款项将原路退回',
  succeeded: '退款成功，款项已原路退回',
  failed: '退款未成功，可以重新申请，或到医保窗口办理',
};
