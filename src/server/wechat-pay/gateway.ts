/**
 * The WeChat Pay adapter (API v3, JSAPI/mini-program payments): 统一下单, the signed and encrypted
 * payment-result callback, 查询订单 and 退款. It speaks to WeChat through a Transport: HTTPS to
 * api.mch.weixin.qq.com in production, the sandbox platform locally.
 */
import type { Fen } from '../../core/money';
import type { PaymentGateway, PaymentNotice } from '../../core/ports';
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
  /** WeChat Pay platform public key: callbacks are verified against it. */
  platformPublicKey: string;
  apiV3Key: string;
  notifyUrl: string;
}

/** Callbacks and answers older than this are refused (replay protection, as WeChat Pay recommends). */
const MAX_CALLBACK_AGE_S = 5 * 60;

interface Transaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: PaymentNotice['state'];
  success_time?: string;
  amount?: { total: number };
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
    if (!timestamp || !n || !signature) return false;
    if (Math.abs(this.nowSeconds() - Number(timestamp)) > MAX_CALLBACK_AGE_S) return false;
    return verify(this.config.platformPublicKey, signatureMessage([timestamp, n, body]), signature);
  }

  async createPayment(order: { orderNo: string; amount: Fen; description: string; openid: string }) {
    const res = await this.call('POST', '/v3/pay/transactions/jsapi', {
      appid: this.config.appid,
      mchid: this.config.mchid,
      description: order.description,
      out_trade_no: order.orderNo,
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

  verifyNotice(headers: Record<string, string>, body: string): PaymentNotice | null {
    if (!this.signedByPlatform(headers, body)) return null;
    try {
      const event = JSON.parse(body) as { resource: EncryptedResource };
      const plain = decryptResource(this.config.apiV3Key, event.resource);
      return plain === null ? null : toNotice(JSON.parse(plain) as Transaction);
    } catch {
      return null;
    }
  }

  async queryPayment(orderNo: string) {
    const res = await this.call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNo)}?mchid=${this.config.mchid}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`WeChat Pay order query failed: ${res.status}`);
    return toNotice(JSON.parse(res.body) as Transaction);
  }

  async refund(r: { orderNo: string; refundNo: string; amount: Fen; total: Fen }) {
    const res = await this.call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: r.orderNo,
      out_refund_no: r.refundNo,
      amount: { refund: r.amount, total: r.total, currency: 'CNY' },
    });
    return { accepted: res.status === 200 };
  }
}
