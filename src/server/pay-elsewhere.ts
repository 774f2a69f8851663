/**
 * Reads the deployment setting of regions whose premiums are paid at the tax bureau's official
 * entry instead of here (`PAY_ELSEWHERE` on CloudBase, `YIBAO_PAY_ELSEWHERE` locally):
 * {"<地区代码>": {"name": "山东税务社保费缴纳", "appId": "wx…", "path": "pages/…"}} — appId and path
 * may be left out where the entry is not a mini-program one can open.
 */
import { z } from 'zod';
import type { PayElsewhere } from '../core/use-cases/deps';

const setting = z.record(
  z.string().regex(/^[a-z]+$/),
  z.object({ name: z.string().min(1), appId: z.string().regex(/^wx[0-9a-f]{16}$/).nullish(), path: z.string().nullish() }).strict(),
);

export function parsePayElsewhere(text: string, variable: string): Record<string, PayElsewhere> {
  if (text.trim() === '') return {};
  const shape = '{"<地区代码>": {"name": "…", "appId": "wx…", "path": "…"}}';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`环境变量 ${variable} 应为 JSON：${shape} / ${variable} must be JSON ${shape}`);
  }
  const parsed = setting.safeParse(value);
  if (!parsed.success) throw new Error(`环境变量 ${variable} 格式不对：${shape} / ${variable} must be ${shape}`);
  return Object.fromEntries(Object.entries(parsed.data).map(([region, e]) => [region, { name: e.name, appId: e.appId ?? null, path: e.path ?? null }]));
}
