/** The refund contract (shared/spec/QUOTE_API.md): request shape and answer in contract strings. */
import { z } from 'zod';
import { formatYuan } from '../core/money';
import { decideRefund, type RefundAnswer } from '../core/rules/refund';
import { REFUND_REASONS } from '../core/vocabulary';
import { AnswerError } from './errors';
import { amount, civilDate, optionalDate, policyById } from './fields';
import { refSchema } from './quote';

export const refundRequestSchema = z.object({
  ref: refSchema,
  policy: z.string(),
  requestedOn: z.string(),
  paidOn: z.string(),
  paidAmount: z.string(),
  /** The amount asked back, where the request names one: never more than was paid. */
  amount: z.string().nullish(),
  coverageStart: z.string().nullish(),
  reason: z.enum(REFUND_REASONS),
});

export type RefundRequestLine = z.infer<typeof refundRequestSchema>;

export function answerRefund(line: RefundRequestLine): RefundAnswer {
  const policy = policyById(line.policy);
  const requestedOn = civilDate(line.requestedOn, '申请日期 requestedOn');
  const paidOn = civilDate(line.paidOn, '缴费日期 paidOn');
  if (paidOn > requestedOn) throw new AnswerError('INVALID_DATE', '缴费日期晚于申请日期');
  const coverageStart = optionalDate(line.coverageStart, '待遇开始日期 coverageStart');
  const paidAmount = amount(line.paidAmount, '缴费金额 paidAmount');
  if (line.amount != null && amount(line.amount, '申请退费金额 amount') > paidAmount) {
    throw new AnswerError('INVALID_REQUEST', `申请退费金额${line.amount}元超过实际缴费金额${line.paidAmount}元`);
  }
  return decideRefund(policy, {
    requestedOn,
    paidOn,
    paidAmount,
    reason: line.reason,
    ...(coverageStart ? { coverageStart } : {}),
  });
}

export function refundJson(ref: RefundRequestLine['ref'], a: RefundAnswer) {
  return { ref: ref ?? null, eligible: a.eligible, amount: formatYuan(a.amount), reason: a.reason, citations: a.citations, productDefault: a.productDefault };
}
