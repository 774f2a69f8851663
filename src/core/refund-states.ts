/**
 * The states a refund can be in, and the only events that move it (README: "Refund states").
 * A resident's request waits for the bureau's review (`review`) before any money moves; a
 * duplicate payment the system itself detected skips it. Money goes back only through the gateway,
 * so a refund is `succeeded` only when WeChat Pay says SUCCESS — an accepted request is
 * `processing`, never success. A failed refund stays visible and may be tried again, by the
 * resident who asked or by an operator; a rejected one leaves the member enrolled.
 */
export type RefundState = 'review' | 'rejected' | 'requested' | 'processing' | 'succeeded' | 'failed';

export type RefundEvent =
  /** An operator approves the request after checking it (and its proof): the money is sent. */
  | 'operator_approved'
  /** An operator rejects it, with the reason the resident reads. */
  | 'operator_rejected'
  /** WeChat Pay took the request and is sending the money (PROCESSING). */
  | 'gateway_accepted'
  /** WeChat Pay says the money is back (SUCCESS: answer, notification or query). */
  | 'gateway_succeeded'
  /** WeChat Pay refused or gave up (4xx, CLOSED, ABNORMAL). */
  | 'gateway_failed'
  /** The resident or an operator asks again after a failure. */
  | 'retry';

export const REFUND_STATES: readonly RefundState[] = ['review', 'rejected', 'requested', 'processing', 'succeeded', 'failed'];
export const REFUND_EVENTS: readonly RefundEvent[] = ['operator_approved', 'operator_rejected', 'gateway_accepted', 'gateway_succeeded', 'gateway_failed', 'retry'];

const TRANSITIONS: Record<RefundState, Partial<Record<RefundEvent, RefundState>>> = {
  review: { operator_approved: 'requested', operator_rejected: 'rejected' },
  // Final: the member stays enrolled, and may ask again with a new request.
  rejected: {},
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
  review: '退费申请已提交，等待医保经办机构审核；审核通过后款项原路退回',
  rejected: '退费申请未通过审核，参保继续有效',
  requested: '退款申请已提交，等待微信支付受理',
  processing: '退款处理中，款项将原路退回',
  succeeded: '退款成功，款项已原路退回',
  failed: '退款未成功，可以重新申请，或到医保窗口办理',
};
