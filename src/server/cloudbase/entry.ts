/**
 * Cloud-function entry points on CloudBase. Each cloudfunctions/<name>/index.ts is one line over
 * these. The wiring (CloudBase database, WeChat Pay over HTTPS, the official voucher entry) is
 * built on the first call from environment variables, so loading a bundle touches nothing.
 *
 * Environment (set on each function in the CloudBase console):
 *   WECHATPAY_APPID, WECHATPAY_MCHID, WECHATPAY_SERIAL, WECHATPAY_PRIVATE_KEY (PEM),
 *   WECHATPAY_PLATFORM_PUBLIC_KEY (PEM), WECHATPAY_APIV3_KEY, WECHATPAY_NOTIFY_URL,
 *   VOUCHER_ENTRIES (JSON: {"qixian": {"appId": "…", "path": "…"}, …}), VOUCHER_SECRET.
 */
import { randomBytes } from 'node:crypto';
import cloudbase from '@cloudbase/node-sdk';
import type { Deps } from '../../core/use-cases/deps';
import { reconcile } from '../../core/use-cases/settlement';
import { handle, handlePayNotify, handleVoucherNotify } from '../functions';
import { WechatPayGateway } from '../wechat-pay/gateway';
import { HttpsTransport } from '../wechat-pay/https-transport';
import { OfficialVoucherPlatform } from './official-voucher';
import { CloudbaseFiles } from './files';
import { CloudbaseStorage } from './storage';

let app: ReturnType<typeof cloudbase.init> | undefined;
let deps: Deps | undefined;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

function wiring(): Deps {
  app ??= cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV });
  deps ??= {
    storage: new CloudbaseStorage(app.database() as never),
    gateway: new WechatPayGateway(
      {
        appid: env('WECHATPAY_APPID'),
        mchid: env('WECHATPAY_MCHID'),
        merchantSerial: env('WECHATPAY_SERIAL'),
        merchantPrivateKey: env('WECHATPAY_PRIVATE_KEY'),
        platformPublicKey: env('WECHATPAY_PLATFORM_PUBLIC_KEY'),
        apiV3Key: env('WECHATPAY_APIV3_KEY'),
        notifyUrl: env('WECHATPAY_NOTIFY_URL'),
      },
      new HttpsTransport(),
      () => Math.floor(Date.now() / 1000),
    ),
    vouchers: new OfficialVoucherPlatform(JSON.parse(process.env.VOUCHER_ENTRIES ?? '{}'), env('VOUCHER_SECRET')),
    clock: { now: () => Date.now() },
    files: new CloudbaseFiles(app as never),
    newId: (prefix) => `${prefix}${randomBytes(12).toString('hex')}`,
  };
  return deps;
}

/** A function the mini-program calls (wx.cloud.callFunction): the caller is the OPENID CloudBase injects. */
export function callable(name: string) {
  return async (event: unknown) => {
    const d = wiring();
    const openid = app!.auth().getUserInfo().openId;
    return handle(name, event, { openid }, d);
  };
}

interface HttpEvent {
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

const rawBody = (e: HttpEvent) => (e.isBase64Encoded ? Buffer.from(e.body ?? '', 'base64').toString('utf8') : (e.body ?? ''));

/** An HTTP-triggered function (CloudBase HTTP access): WeChat Pay's and the voucher platform's notices. */
export function httpNotice(kind: 'payNotify' | 'voucherNotify') {
  return async (event: HttpEvent) => {
    const d = wiring();
    const r = kind === 'payNotify' ? await handlePayNotify(event.headers ?? {}, rawBody(event), d) : await handleVoucherNotify(event.headers ?? {}, rawBody(event), d);
    return { statusCode: r.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(r.body) };
  };
}

/** The timer-triggered reconcile job. */
export function reconcileJob() {
  return async () => reconcile(wiring());
}
