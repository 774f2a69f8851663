/**
 * The secrets each cloud function is given, and nothing more: the merchant's private key only
 * where requests are signed (createOrder, requestRefund, reconcile), the APIv3 key only where
 * notices are decrypted, nothing of WeChat Pay where nothing is paid. cloudbaserc.json lists the
 * same (a test holds them equal). Each value is read and checked when a function starts, and a
 * missing or malformed one is named in Chinese and English.
 */
import type { WechatPayConfig } from '../wechat-pay/gateway';
import type { OfficialEntry } from '../voucher-sandbox';
import { parsePayElsewhere } from '../pay-elsewhere';
import { parseReminderTemplates } from '../reminder-templates';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`环境变量 ${name} 未设置 / environment variable ${name} is not set`);
  return value;
}

/** PEM from a console field, where newlines may be written as \n. */
function pem(name: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY', value = env(name)): string {
  const text = value.replace(/\\n/g, '\n');
  if (!text.includes(`-----BEGIN ${kind}-----`)) throw new Error(`环境变量 ${name} 不是 PEM 格式的 ${kind} / ${name} is not a PEM ${kind}`);
  return text;
}

function json(name: string, shape: string): Record<string, unknown> {
  try {
    const value = JSON.parse(env(name)) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // said below
  }
  throw new Error(`环境变量 ${name} 应为 JSON：${shape} / ${name} must be JSON ${shape}`);
}

/** Each variable's reader: it returns the value in use, or throws naming the variable. */
const READERS = {
  WECHATPAY_APPID: () => env('WECHATPAY_APPID'),
  WECHATPAY_MCHID: () => env('WECHATPAY_MCHID'),
  WECHATPAY_SERIAL: () => env('WECHATPAY_SERIAL'),
  WECHATPAY_PRIVATE_KEY: () => pem('WECHATPAY_PRIVATE_KEY', 'PRIVATE KEY'),
  /** {"<WeChat Pay public key ID or platform certificate serial>": "<PEM>"}: two during a rotation. */
  WECHATPAY_PLATFORM_PUBLIC_KEYS: () => {
    const keys = Object.entries(json('WECHATPAY_PLATFORM_PUBLIC_KEYS', '{"serial": "PEM"}'));
    if (keys.length === 0) throw new Error('环境变量 WECHATPAY_PLATFORM_PUBLIC_KEYS 至少要有一个公钥 / WECHATPAY_PLATFORM_PUBLIC_KEYS is empty');
    return Object.fromEntries(keys.map(([serial, v]) => [serial, pem('WECHATPAY_PLATFORM_PUBLIC_KEYS', 'PUBLIC KEY', String(v))]));
  },
  WECHATPAY_APIV3_KEY: () => {
    const value = env('WECHATPAY_APIV3_KEY');
    if (Buffer.byteLength(value) !== 32) throw new Error('环境变量 WECHATPAY_APIV3_KEY 应为 32 字节 / WECHATPAY_APIV3_KEY must be 32 bytes');
    return value;
  },
  WECHATPAY_NOTIFY_URL: () => {
    const value = env('WECHATPAY_NOTIFY_URL');
    if (!/^https:\/\//.test(value) && !/^http:\/\/127\./.test(value)) throw new Error('环境变量 WECHATPAY_NOTIFY_URL 应为 https 地址 / WECHATPAY_NOTIFY_URL must be https');
    return value;
  },
  VOUCHER_ENTRIES: () => json('VOUCHER_ENTRIES', '{"<地区>": {"appId": "…", "path": "…"}}') as Record<string, OfficialEntry>,
  VOUCHER_SECRET: () => env('VOUCHER_SECRET'),
  /** Optional: regions whose premiums the tax bureau collects (unset or empty: none). */
  PAY_ELSEWHERE: () => parsePayElsewhere(process.env.PAY_ELSEWHERE ?? '', 'PAY_ELSEWHERE'),
  /** Optional: the subscription-message templates of reminders (unset: no reminders offered). */
  SUBSCRIBE_TEMPLATES: () => parseReminderTemplates(process.env.SUBSCRIBE_TEMPLATES ?? '', 'SUBSCRIBE_TEMPLATES'),
};
export type SecretName = keyof typeof READERS;

const PAYMENT: SecretName[] = ['WECHATPAY_APPID', 'WECHATPAY_MCHID', 'WECHATPAY_PLATFORM_PUBLIC_KEYS'];
const SIGNING: SecretName[] = [...PAYMENT, 'WECHATPAY_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_NOTIFY_URL'];
const NOTICES: SecretName[] = [...PAYMENT, 'WECHATPAY_APIV3_KEY'];
const VOUCHER: SecretName[] = ['VOUCHER_ENTRIES', 'VOUCHER_SECRET'];

/** What each function may read. A function not listed needs none. */
export const SECRETS_BY_FUNCTION: Record<string, SecretName[]> = {
  quote: ['PAY_ELSEWHERE', 'SUBSCRIBE_TEMPLATES'],
  createOrder: [...SIGNING, 'PAY_ELSEWHERE'],
  requestRefund: [...SIGNING, 'SUBSCRIBE_TEMPLATES'],
  subscribeReminder: ['SUBSCRIBE_TEMPLATES'],
  retryRefund: SIGNING,
  resolveNewbornClaim: SIGNING,
  reviewRefund: SIGNING,
  reconcile: [...SIGNING, 'SUBSCRIBE_TEMPLATES'],
  payNotify: NOTICES,
  refundNotify: NOTICES,
  activateVoucher: VOUCHER,
  voucherStatus: VOUCHER,
  voucherNotify: VOUCHER,
};

/** Checks the secrets of function `name`; throws naming the first one missing or malformed. */
export function checkSecrets(name: string): void {
  for (const secret of SECRETS_BY_FUNCTION[name] ?? []) READERS[secret]();
}

/** Errors of the given values (a deployer's shell before deploying), one line each. */
export function secretProblems(names: SecretName[]): string[] {
  return names.flatMap((n) => {
    try {
      READERS[n]();
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  });
}

/** Which variable each field of WeChat Pay's configuration comes from. */
const WECHATPAY_FIELDS: Record<keyof Omit<WechatPayConfig, 'refundNotifyUrl'>, SecretName> = {
  appid: 'WECHATPAY_APPID',
  mchid: 'WECHATPAY_MCHID',
  merchantSerial: 'WECHATPAY_SERIAL',
  merchantPrivateKey: 'WECHATPAY_PRIVATE_KEY',
  platformPublicKeys: 'WECHATPAY_PLATFORM_PUBLIC_KEYS',
  apiV3Key: 'WECHATPAY_APIV3_KEY',
  notifyUrl: 'WECHATPAY_NOTIFY_URL',
};

/**
 * WeChat Pay's configuration, each value read when first used: a function reads only what its
 * work needs (payNotify never touches the private key it is not given).
 */
export function wechatPayConfig(): WechatPayConfig {
  const config = {} as WechatPayConfig;
  for (const [field, name] of Object.entries(WECHATPAY_FIELDS)) Object.defineProperty(config, field, { get: () => READERS[name](), enumerable: true });
  return config;
}

export const payElsewhere = () => READERS.PAY_ELSEWHERE();
export const reminderTemplates = () => READERS.SUBSCRIBE_TEMPLATES();
export const voucherEntries = () => (process.env.VOUCHER_ENTRIES ? READERS.VOUCHER_ENTRIES() : {});
export const voucherSecret = () => process.env.VOUCHER_SECRET ?? '';
