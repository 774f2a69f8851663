/** Errors a caller can act on: a stable code and a Chinese message for a person. */
import type { $ZodError } from 'zod/v4/core';

export type ErrorCode =
  | 'BAD_JSON'
  | 'INVALID_REQUEST'
  | 'INVALID_DATE'
  | 'INVALID_ID'
  | 'INVALID_AMOUNT'
  | 'UNKNOWN_POLICY'
  | 'UNKNOWN_IDENTITY'
  | 'BIRTH_AFTER_PAYMENT'
  | 'NOT_YET_OPEN'
  | 'YEAR_ENDED'
  // A coverage year whose local standard is not published (a pending year): the counter.
  | 'NOT_PUBLISHED'
  | 'INTERNAL';

export class AnswerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表',
  object: '对象',
};

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '整行';
}

/**
 * For a resident, no field names: the rule's own words where it has them (every rule a form can
 * break has one), else a plain request to check what was typed.
 */
export function describeForPeople(error: $ZodError): string {
  const message = error.issues[0]?.message ?? '';
  return /[\u4e00-\u9fa5]/.test(message) ? message : '填写的内容有误，请检查后重试';
}

/** The first zod issue, said in Chinese with the field it concerns (for callers of the API). */
export function describeIssue(error: $ZodError): string {
  const issue = error.issues[0]!;
  const where = pathText(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `缺少字段 ${where}` : `字段 ${where} 应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' ? `字段 ${where} 至少需要 ${String(issue.minimum)} 项` : `字段 ${where} 不能为空`;
    case 'too_big':
      return issue.origin === 'array' ? `字段 ${where} 最多 ${String(issue.maximum)} 项` : `字段 ${where} 过大`;
    case 'invalid_value':
      return `字段 ${where} 只能取 ${issue.values.map(String).join('、')}`;
    default:
      return `字段 ${where} 不正确：${issue.message}`;
  }
}
