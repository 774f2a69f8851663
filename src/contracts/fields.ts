/** Field checks shared by the quote and refund contracts, each failing with its own code. */
import { isCivilDate, type CivilDate } from '../core/civil-date';
import { parseYuan, type Fen } from '../core/money';
import { pendingReason } from '../policies/pending';
import { allPolicies, findPendingYear, findPolicy } from '../policies/registry';
import type { Policy } from '../policies/schema';
import { AnswerError } from './errors';

/** `field` is a function so the label is only built when there is an error to report. */
type Label = string | (() => string);
const labelText = (label: Label) => (typeof label === 'string' ? label : label());

export function civilDate(value: string, field: Label): CivilDate {
  if (!isCivilDate(value)) throw new AnswerError('INVALID_DATE', `${labelText(field)}“${value}”不是有效的日期，应为 YYYY-MM-DD 格式的真实日期`);
  return value;
}

export function optionalDate(value: string | null | undefined, field: Label): CivilDate | undefined {
  return value == null ? undefined : civilDate(value, field);
}

export function amount(value: string, field: string): Fen {
  const fen = parseYuan(value);
  if (fen === null) throw new AnswerError('INVALID_AMOUNT', `${field}“${value}”不是有效金额，应为最多两位小数的元，如 "320.00"`);
  return fen;
}

export function policyById(id: string): Policy {
  const policy = findPolicy(id);
  const pending = policy ? undefined : findPendingYear(id);
  if (pending) throw new AnswerError('NOT_PUBLISHED', pendingReason(pending));
  if (!policy) throw new AnswerError('UNKNOWN_POLICY', `没有“${id}”这项政策，可用的有：${allPolicies().map((p) => p.id).join('、')}`);
  return policy;
}
