/**
 * The one way pages reach the backend. Every event is checked with the functions' own schemas
 * before it leaves (a clear message at once, no round trip), and every reply is parsed with the
 * reply schemas before a page sees it.
 */
import './zod-jitless';
import * as z from 'zod/mini';
import { describeForPeople } from '../contracts/errors';
import { functionEvents, type FunctionEvent } from '../contracts/functions';
import { functionReplies, type FunctionReply } from '../contracts/replies';
import { callFunction } from './transport';

export type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
type Name = keyof typeof functionReplies;

const envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

const NETWORK_MESSAGE = '网络不太好，没有连上服务。请检查网络后重试；如已支付，款项不会丢失';

export async function call<N extends Name>(name: N, event: FunctionEvent<N>): Promise<Reply<FunctionReply<N>>> {
  const checked = functionEvents[name].safeParse(event);
  if (!checked.success) return { ok: false, code: 'INVALID_EVENT', message: describeForPeople(checked.error) };
  let raw: unknown;
  try {
    raw = await callFunction(name, checked.data);
  } catch {
    return { ok: false, code: 'NETWORK', message: NETWORK_MESSAGE };
  }
  const e = envelope.safeParse(raw);
  if (!e.success) return { ok: false, code: 'BAD_REPLY', message: '服务暂时不可用，请稍后再试' };
  if (!e.data.ok) return { ok: false, ...e.data.error };
  const data = functionReplies[name].safeParse(e.data.data);
  if (!data.success) return { ok: false, code: 'BAD_REPLY', message: '服务返回的内容无法识别，请稍后再试' };
  return { ok: true, data: data.data as FunctionReply<N> };
}
