/**
 * The WeChat Pay adapter (API v3, JSAPI/mini-program payments): 统一下单, the signed and encrypted
 * payment-result callback, 查询订单 and 退款. It speaks to WeChat through a Transport: HTTPS to
 * api.mch.weixin.qq.com in production, the sandbox platform locally.
 */
import type { Fen } from '../../core/money';
import type { PaymentGateway, PaymentNotice, RefundOutcome } from '../../core/ports';
import { decryptResource, nonce, sign, signatureMessage, verify, type EncryptedResource } from './crypto';

export interface TransportResponse {
  status: number;
  body: string;
  /** Lower-case names: WeChat Pay signs every answer (Wechatpay-Timestamp, -Nonce, -Signature). */
  headers: Record<string, string>;
}

export interface Transport {
  request(method: 'GET' | 'POST', path: string, body: string, headers: Record<string, string>): Promise<TransportResponse>;
}

export interface WechatPayConfig {
  appid: string;
  mchid: string;
  /** Serial number of the merchant certificate, named in every request's Authorization. */
  merchantSerial: string;
  merchantPrivateKey: string;
  /**
   * WeChat Pay's platform public keys (or platform certificates' keys) by serial: callbacks and
   * answers are verified against the one their Wechatpay-Serial names, so during a key rotation
   * both the old and the new are accepted and settlement never stops.
   */
  platformPublicKeys: Record<string, string>;
  apiV3Key: string;
  notifyUrl: string;
  /** Where refund results go; by default the payment notify URL with refundNotify for payNotify. */
  refundNotifyUrl?: string;
}

/** Callbacks and answers older than this are refused (replay protection, as WeChat Pay recommends). */
const MAX_CALLBACK_AGE_S = 5 * 60;

interface Transaction {
  appid?: string;
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: PaymentNotice['state'];
  success_time?: string;
  amount?: { total: number };
}

interface Refund {
  mchid?: string;
  out_refund_no: string;
  /** The refund API and query answer `status`; the notification's resource says `refund_status`. */
  status?: string;
  refund_status?: string;
}

/** SUCCESS is money back; PROCESSING is on its way; CLOSED and ABNORMAL are failures someone must see. */
function toOutcome(status: string | undefined): RefundOutcome {
  if (status === 'SUCCESS') return { state: 'SUCCESS' };
  if (status === 'PROCESSING') return { state: 'PROCESSING' };
  return { state: 'FAILED', message: status === 'CLOSED' ? '退款已关闭' : status === 'ABNORMAL' ? '退款异常（如银行卡已注销），需人工处理' : `未知的退款状态 ${status}` };
}

/** "2021-11-02T12:00:00+08:00": WeChat Pay's time format, in Shanghai time (no daylight saving). */
function rfc3339Shanghai(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function toNotice(t: Transaction): PaymentNotice {
  return {
    orderNo: t.out_trade_no,
    transactionId: t.transaction_id ?? '',
    amount: t.amount?.total ?? 0,
    state: t.trade_state,
    paidAt: t.success_time ? Date.parse(t.success_time) : 0,
  };
}

export class WechatPayGateway implements PaymentGateway {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly transport: Transport,
    private readonly nowSeconds: () => number,
  ) {}

  private async call(method: 'GET' | 'POST', path: string, payload?: unknown) {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(this.nowSeconds());
    const n = nonce();
    const signature = await sign(this.config.merchantPrivateKey, signatureMessage([method, path, timestamp, n, body]));
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${this.config.mchid}",nonce_str="${n}",signature="${signature}",timestamp="${timestamp}",serial_no="${this.config.merchantSerial}"`;
    const res = await this.transport.request(method, path, body, { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' });
    // An answer is only believed when WeChat Pay signed it: a forged "SUCCESS" to an order query
    // would otherwise enrol people who never paid (reconcile acts on it).
    if (res.status === 200 && !this.signedByPlatform(res.headers, res.body)) throw new Error(`WeChat Pay answer to ${method} ${path.split('?')[0]} has no valid platform signature`);
    return res;
  }

  private signedByPlatform(headers: Record<string, string>, body: string): boolean {
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const timestamp = h['wechatpay-timestamp'];
    const n = h['wechatpay-nonce'];
    const signature = h['wechatpay-signature'];
    const key = Object.hasOwn(this.config.platformPublicKeys, h['wechatpay-serial'] ?? '') ? this.config.platformPublicKeys[h['wechatpay-serial']!] : undefined;
    if (!timestamp || !n || !signature || !key || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(this.nowSeconds() - Number(timestamp)) > MAX_CALLBACK_AGE_S) return false;
    return verify(key, signatureMessage([timestamp, n, body]), signature);
  }

  async createPayment(order: { orderNo: string; amount: Fen; description: string; openid: string; expiresAt: number }) {
    const res = await this.call('POST', '/v3/pay/transactions/jsapi', {
      appid: this.config.appid,
      mchid: this.config.mchid,
      description: order.description,
      out_trade_no: order.orderNo,
      time_expire: rfc3339Shanghai(order.expiresAt),
      notify_url: this.config.notifyUrl,
      amount: { total: order.amount, currency: 'CNY' },
      payer: { openid: order.openid },
    });
    if (res.status !== 200) throw new Error(`WeChat Pay refused the order: ${res.status} ${res.body}`);
    const prepayId = (JSON.parse(res.body) as { prepay_id: string }).prepay_id;
    // The parameters wx.requestPayment takes, signed with the merchant key.
    const timeStamp = String(this.nowSeconds());
    const nonceStr = nonce();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = await sign(this.config.merchantPrivateKey, signatureMessage([this.config.appid, timeStamp, nonceStr, pkg]));
    return { prepayId, payParams: { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign } };
  }

  /** The decrypted resource of a signed notification, or null. */
  private resource<T>(headers: Record<string, string>, body: string): T | null {
    if (!this.signedByPlatform(headers, body)) return null;
    try {
      const event = JSON.parse(body) as { resource: EncryptedResource };
      const plain = decryptResource(this.config.apiV3Key, event.resource);
      return plain === null ? null : (JSON.parse(plain) as T);
    } catch {
      return null;
    }
  }

  verifyNotice(headers: Record<string, string>, body: string): PaymentNotice | null {
    const t = this.resource<Transaction>(headers, body);
    // Ours only, and whole: another merchant's or app's notice, or a success without its time or
    // an integer amount, is not a payment to settle.
    if (!t || t.mchid !== this.config.mchid || t.appid !== this.config.appid || typeof t.out_trade_no !== 'string') return null;
    if (!Number.isInteger(t.amount?.total)) return null;
    if (t.trade_state === 'SUCCESS' && (!t.success_time || Number.isNaN(Date.parse(t.success_time)) || !t.transaction_id)) return null;
    return toNotice(t);
  }

  verifyRefundNotice(headers: Record<string, string>, body: string): { outRefundNo: string; outcome: RefundOutcome } | null {
    const r = this.resource<Refund>(headers, body);
    if (!r || r.mchid !== this.config.mchid || typeof r.out_refund_no !== 'string') return null;
    return { outRefundNo: r.out_refund_no, outcome: toOutcome(r.refund_status) };
  }

  async closePayment(orderNo: string): Promise<void> {
    const res = await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}/close`, { mchid: this.config.mchid });
    // 204: closed. An order WeChat Pay never saw cannot be paid either.
    if (res.status !== 204 && res.status !== 404) throw new Error(`WeChat Pay could not close ${orderNo}: ${res.status} ${res.body}`);
  }

  async queryPayment(orderNo: string) {
    const res = await this.call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${this.config.mchid}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`WeChat Pay order query failed: ${res.status}`);
    return toNotice(JSON.parse(res.body) as Transaction);
  }

  async refund(r: { orderNo: string; outRefundNo: string; amount: Fen; total: Fen }): Promise<RefundOutcome> {
    const res = await this.call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: r.orderNo,
      out_refund_no: r.outRefundNo,
      notify_url: this.refundNotifyUrl(),
      amount: { refund: r.amount, total: r.total, currency: 'CNY' },
    });
    if (res.status === 200) return toOutcome((JSON.parse(res.body) as Refund).status);
    // A refusal (4xx: not enough balance, a bad request) is an answer; anything else is not.
    if (res.status >= 400 && res.status < 500) return { state: 'FAILED', message: `微信支付拒绝退款：${(JSON.parse(res.body || '{}') as { message?: string }).message ?? res.status}` };
    throw new Error(`WeChat Pay refund answered ${res.status}`);
  }

  async queryRefund(outRefundNo: string): Promise<RefundOutcome | null> {
    const res = await this.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`WeChat Pay refund query failed: ${res.status}`);
    return toOutcome((JSON.parse(res.body) as Refund).status);
  }

  /** Refund results come to the refund notice function beside the payment one. */
  private refundNotifyUrl(): string {
    return this.config.refundNotifyUrl ?? this.config.notifyUrl.replace(/payNotify(?=[^/]*$)/, 'refundNotify');
  }
}
