/**
 * Cloud-function entry points on CloudBase. Each cloudfunctions/<name>/index.ts is one line over
 * these. The wiring (CloudBase database, WeChat Pay over HTTPS, the official voucher entry) is
 * built on the first call from environment variables, so loading a bundle touches nothing.
 *
 * Environment: each function's secrets (secrets.ts, listed in cloudbaserc.json);
 * WECHATPAY_API_BASE only to point the gateway elsewhere (tests: a loopback stub).
 * A missing or malformed value is named in the log and answered as INTERNAL: never a crash.
 */
import { randomBytes } from 'node:crypto';
import cloudbase from '@cloudbase/node-sdk';
import type { Deps } from '../../core/use-cases/deps';
import { reconcile } from '../../core/use-cases/settlement';
import { handle, handlePayNotify, handleRefundNotify, handleVoucherNotify } from '../functions';
import { WechatPayGateway } from '../wechat-pay/gateway';
import { HttpsTransport } from '../wechat-pay/https-transport';
import { OfficialVoucherPlatform } from './official-voucher';
import { CloudbaseFiles } from './files';
import { checkSecrets, payElsewhere, reminderTemplates, voucherEntries, voucherSecret, wechatPayConfig } from './secrets';
import { CloudbaseStorage } from './storage';
import { WechatMessenger } from '../wechat-messenger';

let app: ReturnType<typeof cloudbase.init> | undefined;
let deps: Deps | undefined;

function wiring(name: string): Deps {
  checkSecrets(name);
  // Without them the SDK rejects a promise nobody awaits and the process dies; say so instead.
  if (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY)
    throw new Error('缺少 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY（云函数运行时应自动注入）/ no CloudBase credentials in the environment');
  app ??= cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV });
  deps ??= {
    storage: new CloudbaseStorage(app.database() as never),
    gateway: new WechatPayGateway(wechatPayConfig(), new HttpsTransport(process.env.WECHATPAY_API_BASE || undefined), () => Math.floor(Date.now() / 1000)),
    vouchers: new OfficialVoucherPlatform(voucherEntries(), voucherSecret()),
    clock: { now: () => Date.now() },
    files: new CloudbaseFiles(app as never),
    messenger: new WechatMessenger(app, reminderTemplates()),
    payElsewhere: payElsewhere(),
    newId: (prefix) => `${prefix}${randomBytes(12).toString('hex')}`,
  };
  return deps;
}

const INTERNAL = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试；如已支付，款项不会丢失' } } as const;

/** Wiring failures (a missing secret) are logged by name and answered, never thrown at the platform. */
function wired(name: string): Deps | null {
  try {
    return wiring(name);
  } catch (error) {
    console.error(`[${name}] configuration error: ${(error as Error).message}`);
    return null;
  }
}

/** A function the mini-program calls (wx.cloud.callFunction): the caller is the OPENID CloudBase injects. */
export function callable(name: string) {
  return async (event: unknown) => {
    const d = wired(name);
    if (!d) return INTERNAL;
    const openid = app!.auth().getUserInfo().openId;
    // The platform adds the caller as `userInfo`; it is not part of the function's own event.
    const { userInfo, ...own } = (event ?? {}) as Record<string, unknown>;
    void userInfo;
    return handle(name, own, { openid }, d);
  };
}

interface HttpEvent {
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

const rawBody = (e: HttpEvent) => (e.isBase64Encoded ? Buffer.from(e.body ?? '', 'base64').toString('utf8') : (e.body ?? ''));

const NOTICES = { payNotify: handlePayNotify, refundNotify: handleRefundNotify, voucherNotify: handleVoucherNotify } as const;

/** An HTTP-triggered function (CloudBase HTTP access): WeChat Pay's and the voucher platform's notices. */
export function httpNotice(kind: keyof typeof NOTICES) {
  return async (event: HttpEvent) => {
    const d = wired(kind);
    // Not acknowledged: WeChat Pay sends the notice again, and reconcile asks in any case.
    if (!d) return { statusCode: 500, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'FAIL', message: '处理失败，请重试' }) };
    const r = await NOTICES[kind](event.headers ?? {}, rawBody(event), d);
    return { statusCode: r.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(r.body) };
  };
}

/** reconcile's timeout in cloudbaserc.json (predeploy checks they agree). */
export const RECONCILE_TIMEOUT_MS = 60_000;

/** The timer-triggered reconcile job. */
export function reconcileJob() {
  return async () => {
    const started = Date.now();
    const d = wired('reconcile');
    if (!d) return INTERNAL;
    // The manifest gives reconcile 60 s; the run stops starting orders 15 s before (RECONCILE_RESERVE_MS).
    const report = await reconcile(d, undefined, () => RECONCILE_TIMEOUT_MS - (Date.now() - started));
    for (const f of [...report.failed, ...report.duplicates.failed]) console.error(`[reconcile] order ${f.orderNo}: ${f.message}`);
    for (const f of report.reminders.failed) console.error(`[reconcile] reminder not sent: ${f.message}`);
    if (report.leftForNextRun > 0) console.error(`[reconcile] ${report.leftForNextRun} orders left for the next run`);
    return report;
  };
}
