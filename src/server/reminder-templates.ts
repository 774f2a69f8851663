/**
 * The deployment's subscription-message templates (`SUBSCRIBE_TEMPLATES` on CloudBase): which
 * template each reminder uses and which of its fields takes which value. A bureau picks templates
 * in mp 后台 → 订阅消息 from WeChat's public library, so the field keys (thing1, time2…) are
 * theirs, not ours:
 * {"deadline": {"id": "…", "fields": {"thing1": "item", "time2": "payBy", "thing3": "note"}},
 *  "refund": {"id": "…", "fields": {"thing1": "item", "amount2": "amount", "phrase3": "status", "thing4": "note"}}}
 */
import { z } from 'zod';
import type { ReminderKind } from '../core/ports';

/** The values each reminder has (reminders.ts) for a template's fields to take. */
export const REMINDER_VALUES: Record<ReminderKind, readonly string[]> = {
  deadline: ['item', 'payBy', 'note'],
  refund: ['item', 'amount', 'status', 'note'],
};

export interface ReminderTemplate {
  id: string;
  /** Template field key → the value's name. */
  fields: Record<string, string>;
}

export type ReminderTemplates = Partial<Record<ReminderKind, ReminderTemplate>>;

const template = (kind: ReminderKind) =>
  z.object({
    id: z.string().min(1),
    fields: z.record(z.string().regex(/^[a-z_]+\d+$/), z.enum(REMINDER_VALUES[kind] as [string, ...string[]])),
  });
const setting = z.object({ deadline: template('deadline').optional(), refund: template('refund').optional() }).strict();

export function parseReminderTemplates(text: string, variable: string): ReminderTemplates {
  if (text.trim() === '') return {};
  const shape = '{"deadline": {"id": "模板ID", "fields": {"thing1": "item", "time2": "payBy", "thing3": "note"}}, "refund": {…}}';
  try {
    return setting.parse(JSON.parse(text)) as ReminderTemplates;
  } catch {
    throw new Error(`环境变量 ${variable} 格式不对：${shape} / ${variable} must be ${shape}`);
  }
}
