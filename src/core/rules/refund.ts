/**
 * May a payment be refunded? qixian-2022 §八: before the benefit period starts, for a duplicate
 * payment, joining employee insurance or another region's resident insurance, the personal payment
 * is refunded on request; once it has started, it is not. Notices that say nothing follow the
 * national 经办规程 (医保办函〔2021〕11号 第十六条: the same, and the insured person's death), say so,
 * and never cite another county's notice.
 */
import { counterText } from '../../policies/counter';
import type { Policy } from '../../policies/schema';
import { chineseDate, type CivilDate } from '../civil-date';
import { formatYuan, type Fen } from '../money';
import { REFUND_REASON_LABELS, type RefundReason } from '../vocabulary';
import type { Explained } from './types';

export interface RefundRequest {
  requestedOn: CivilDate;
  paidOn: CivilDate;
  /** The personal payment: a subsidy never comes back to the payer. */
  paidAmount: Fen;
  coverageStart?: CivilDate;
  reason: RefundReason;
}

export interface RefundAnswer extends Explained {
  eligible: boolean;
  amount: Fen;
  productDefault: boolean;
}

export function decideRefund(policy: Policy, request: RefundRequest): RefundAnswer {
  const rule = policy.refund;
  const start = request.coverageStart ?? policy.coverage.start.value;
  const basis = rule.productDefault ? `本地通知未规定退费，按国家医保经办规程（${rule.cite}）：` : '';
  const citations = [rule.cite];
  const why = REFUND_REASON_LABELS[request.reason];
  const no = (reason: string): RefundAnswer => ({ eligible: false, amount: 0, reason: basis + reason, citations, productDefault: rule.productDefault });

  if (!rule.reasons.includes(request.reason)) {
    const listed = `只有${rule.reasons.map((r) => REFUND_REASON_LABELS[r]).join('、')}的可以申请退费`;
    // Neither the notice nor the national 经办规程 speaks of enlistment: no answer is made up, the counter decides.
    if (request.reason === 'enlisted') return no(`${listed}；参军入伍的退费本地通知和国家经办规程均未规定，不能在线办理，请到${counterText(policy)}咨询。`);
    return no(`${listed}，“${why}”不予退费。`);
  }
  if (request.requestedOn >= start) {
    return no(`待遇享受期已于${chineseDate(start)}开始，个人缴费原则上不再退回。`);
  }
  return {
    eligible: true,
    amount: request.paidAmount,
    reason: `${basis}因${why}在待遇享受期（${chineseDate(start)}起）开始前申请，终止本地居民医保参保关系后退还个人缴费${formatYuan(request.paidAmount)}元。`,
    citations,
    productDefault: rule.productDefault,
  };
}
