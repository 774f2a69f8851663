/**
 * Cloud-function entry points on CloudBase. Each cloudfunctions/<name>/index.ts is one line over
 * these. The wiring (CloudBase database, WeChat Pay over HTTPS, the official voucher entry) is
 * built on the first call from environment variables, so loading a bundle touches nothing.
 *
 * Environment (set on each function, cloudbaserc.json lists them):
 *   WECHATPAY_APPID, WECHATPAY_MCHID, WECHATPAY_SERIAL, WECHATPAY_PRIVATE_KEY (PEM),
 *   WECHATPAY_PLATFORM_PUBLIC_KEYS (JSON {serial: PEM}), WECHATPAY_APIV3_KEY, WECHATPAY_NOTIFY_URL,
 *   VOUCHER_ENTRIES (JSON: {"qixian": {"appId": "…", "path": "…"}, …}), VOUCHER_SECRET;
 *   WECHATPAY_API_BASE only to point the gateway elsewhere (tests: a loopback stub).
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
import { CloudbaseStorage } from './storage';

let app: ReturnType<typeof cloudbase.init> | undefined;
let deps: Deps | undefined;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`环境变量 ${name} 未设置 / environment variable ${name} is not set`);
  return value;
}

function pem(name: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string {
  const value = env(name).replace(/\\n/g, '\n');
  if (!value.includes(`-----BEGIN ${kind}-----`)) throw new Error(`环境变量 ${name} 不是 PEM 格式的 ${kind} / ${name} is not a PEM ${kind}`);
  return value;
}

/** WECHATPAY_PLATFORM_PUBLIC_KEYS: JSON {"<serial>": "<PEM>"}; two during a rotation. */
function platformKeys(): Record<string, string> {
  const name = 'WECHATPAY_PLATFORM_PUBLIC_KEYS';
  let keys: unknown;
  try {
    keys = JSON.parse(env(name));
  } catch {
    throw new Error(`环境变量 ${name} 应为 JSON：{"公钥ID或证书序列号": "PEM"} / ${name} must be JSON {"serial": "PEM"}`);
  }
  const entries = Object.entries(keys && typeof keys === 'object' ? keys : {});
  if (entries.length === 0 || entries.some(([, v]) => typeof v !== 'string' || !v.replace(/\\n/g, '\n').includes('-----BEGIN PUBLIC KEY-----'))) {
    throw new Error(`环境变量 ${name} 中应有 PEM 格式的 PUBLIC KEY / ${name} must hold PEM public keys`);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, (v as string).replace(/\\n/g, '\n')]));
}

function apiV3Key(): string {
  const value = env('WECHATPAY_APIV3_KEY');
  if (Buffer.byteLength(value) !== 32) throw new Error('环境变量 WECHATPAY_APIV3_KEY 应为 32 字节 / WECHATPAY_APIV3_KEY must be 32 bytes');
  return value;
}

function wiring(): Deps {
  // Without them the SDK rejects a promise nobody awaits and the process dies; say so instead.
  if (!process.env.TENCENTCLOUD_SECRETID || !process.env.TENCENTCLOUD_SECRETKEY)
    throw new Error('缺少 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY（云函数运行时应自动注入）/ no CloudBase credentials in the environment');
  app ??= cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV });
  deps ??= {
    storage: new CloudbaseStorage(app.database() as never),
    gateway: new WechatPayGateway(
      {
        appid: env('WECHATPAY_APPID'),
        mchid: env('WECHATPAY_MCHID'),
        merchantSerial: env('WECHATPAY_SERIAL'),
        merchantPrivateKey: pem('WECHATPAY_PRIVATE_KEY', 'PRIVATE KEY'),
        platformPublicKeys: platformKeys(),
        apiV3Key: apiV3Key(),
        notifyUrl: env('WECHATPAY_NOTIFY_URL'),
      },
      new HttpsTransport(process.env.WECHATPAY_API_BASE || undefined),
      () => Math.floor(Date.now() / 1000),
    ),
    vouchers: new OfficialVoucherPlatform(JSON.parse(process.env.VOUCHER_ENTRIES ?? '{}'), env('VOUCHER_SECRET')),
    clock: { now: () => Date.now() },
    files: new CloudbaseFiles(app as never),
    newId: (prefix) => `${prefix}${randomBytes(12).toString('hex')}`,
  };
  return deps;
}

const INTERNAL = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试；如已支付，款项不会丢失' } } as const;

/** Wiring failures (a missing secret) are logged by name and answered, never thrown at the platform. */
function wired(name: string): Deps | null {
  try {
    return wiring();
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

/** The timer-triggered reconcile job. */
export function reconcileJob() {
  return async () => {
    const d = wired('reconcile');
    if (!d) return INTERNAL;
    const report = await reconcile(d);
    for (const f of report.failed) console.error(`[reconcile] order ${f.orderNo}: ${f.message}`);
    return report;
  };
}
