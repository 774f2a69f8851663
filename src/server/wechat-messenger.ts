/**
 * Subscription messages through CloudBase's call of WeChat's open API (云调用): the node-sdk's
 * callWxOpenApi to subscribeMessage.send, authorised by the function's declared permission
 * (cloudfunctions/reconcile/config.json), no access_token of ours. A value is cut to what its
 * field type takes (thing: 20 characters), as WeChat refuses a longer one.
 */
import type { Messenger, ReminderKind, ReminderMessage } from '../core/ports';
import type { ReminderTemplates } from './reminder-templates';

/** What this adapter uses of the node-sdk app. */
export interface OpenApi {
  callWxOpenApi(options: { apiName: string; requestData: unknown }): Promise<{ result?: unknown; code?: string; message?: string }>;
}

/** WeChat's answers that mean the message will never go: no consent left, bad openid, template or data. */
const FINAL_REFUSALS = new Set([43101, 40003, 40037, 47003, 43107]);

const LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, amount: 32, letter: 32, symbol: 5, phone_number: 17, car_number: 8 };

function fit(key: string, value: string): string {
  const limit = LIMITS[key.replace(/\d+$/, '')];
  return limit && [...value].length > limit ? `${[...value].slice(0, limit - 1).join('')}…` : value;
}

export class WechatMessenger implements Messenger {
  constructor(
    private readonly app: OpenApi,
    private readonly templates: ReminderTemplates,
    /** Which version of the mini-program a tap opens: formal in production. */
    private readonly state: 'formal' | 'trial' | 'developer' = 'formal',
  ) {}

  templateId(kind: ReminderKind): string | null {
    return this.templates[kind]?.id ?? null;
  }

  async send(m: ReminderMessage): Promise<{ status: 'sent' } | { status: 'refused'; reason: string }> {
    const template = this.templates[m.kind];
    if (!template) return { status: 'refused', reason: '未配置消息模板' };
    const data = Object.fromEntries(Object.entries(template.fields).map(([key, name]) => [key, { value: fit(key, m.values[name] ?? '') }]));
    const res = await this.app.callWxOpenApi({
      apiName: '/cgi-bin/message/subscribe/send',
      requestData: { touser: m.openid, template_id: template.id, page: m.page, data, miniprogram_state: this.state, lang: 'zh_CN' },
    });
    if (res.code) throw new Error(`CloudBase open API: ${res.code} ${res.message ?? ''}`);
    const { errcode, errmsg } = (res.result ?? {}) as { errcode?: number; errmsg?: string };
    if (!errcode) return { status: 'sent' };
    if (FINAL_REFUSALS.has(errcode)) return { status: 'refused', reason: `微信未发送：${errcode} ${errmsg ?? ''}`.trim() };
    throw new Error(`WeChat subscribeMessage.send: ${errcode} ${errmsg ?? ''}`);
  }
}
