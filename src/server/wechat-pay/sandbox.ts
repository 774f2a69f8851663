/**
 * A local stand-in for the WeChat Pay platform, speaking API v3: it checks each request's
 * merchant signature, keeps payments, answers order queries and refunds, and sends payment-result
 * callbacks signed with its platform key and encrypted with the APIv3 key — asynchronously, and
 * as a scenario asks: once, repeated, late, or never (so reconcile has something to do).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { encryptResource, nonce, sign, signatureMessage, verify } from './crypto';
import type { Transport, TransportResponse, WechatPayConfig } from './gateway';

export interface SandboxPayment {
  prepayId: string;
  orderNo: string;
  amount: number;
  openid: string;
  notifyUrl: string;
  state: 'NOTPAY' | 'SUCCESS' | 'PAYERROR' | 'CLOSED' | 'REFUND';
  transactionId: string | null;
  successTime: string | null;
  refunded: number;
  /** From time_expire: after it the cashier takes no payment. */
  expiresAt: number | null;
}

export interface Callback {
  headers: Record<string, string>;
  body: string;
}

/** Delivers a callback to the merchant; true when the merchant acknowledged it (HTTP 2xx). */
export type Deliver = (callback: Callback) => Promise<boolean>;

/** A refund as the sandbox keeps it, by out_refund_no. */
export interface SandboxRefund {
  outRefundNo: string;
  orderNo: string;
  amount: number;
  state: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
}

/**
 * How the sandbox answers refunds, as WeChat Pay does: PROCESSING at first, then a result sent to
 * the refund notify URL (or never sent: reconcile must ask).
 */
export interface RefundScenario {
  answer: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL';
  /** The result it comes to; null leaves it PROCESSING until `finishRefund`. */
  then: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' | null;
  /** How many result notices are sent (0 = lost). */
  notices: number;
}

export interface Scenario {
  /** How many times the same callback is sent (WeChat may repeat); 0 = never (the callback is lost). */
  deliveries: number;
  /** Delay before the first delivery. */
  delayMs: number;
}

const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

export class SandboxPayPlatform implements Transport {
  readonly mchid = '1900000001';
  readonly appid = 'wxsandbox0000001';
  private readonly merchant = keyPair();
  /** The platform keys WeChat Pay signs with, by serial; the last is in use (a rotation adds one). */
  private readonly platformKeys: Array<{ serial: string; keys: ReturnType<typeof keyPair> }> = [{ serial: 'SANDBOX-PLATFORM-1', keys: keyPair() }];
  private get platform() {
    return this.platformKeys.at(-1)!;
  }
  private readonly apiV3Key = randomBytes(16).toString('hex');
  private readonly payments = new Map<string, SandboxPayment>();
  private readonly byPrepay = new Map<string, string>();
  private timers = new Set<NodeJS.Timeout>();
  private readonly refunds = new Map<string, SandboxRefund>();
  scenario: Scenario = { deliveries: 1, delayMs: 0 };
  refundScenario: RefundScenario = { answer: 'PROCESSING', then: 'SUCCESS', notices: 1 };

  constructor(
    private readonly deliver: Deliver,
    private readonly nowMs: () => number = () => Date.now(),
    /** Where refund results go (the refund notify URL); none: they are never sent. */
    private readonly deliverRefund: Deliver = async () => false,
  ) {}

  /** WeChat Pay rotates its platform key: from now on it signs with a new one, under a new serial. */
  rotatePlatformKey(): string {
    const serial = `SANDBOX-PLATFORM-${this.platformKeys.length + 1}`;
    this.platformKeys.push({ serial, keys: keyPair() });
    return serial;
  }

  /** The merchant-side configuration that makes WechatPayGateway talk to this sandbox. */
  merchantConfig(notifyUrl: string): WechatPayConfig {
    return {
      appid: this.appid,
      mchid: this.mchid,
      merchantSerial: 'SANDBOX-MERCHANT-SERIAL',
      merchantPrivateKey: this.merchant.privateKey,
      platformPublicKeys: Object.fromEntries(this.platformKeys.map((k) => [k.serial, k.keys.publicKey])),
      apiV3Key: this.apiV3Key,
      notifyUrl,
    };
  }

  private authorized(method: string, path: string, body: string, headers: Record<string, string>): boolean {
    const auth = headers.Authorization ?? headers.authorization ?? '';
    const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1] ?? '';
    if (!auth.startsWith('WECHATPAY2-SHA256-RSA2048 ') || field('mchid') !== this.mchid) return false;
    return verify(this.merchant.publicKey, signatureMessage([method, path, field('timestamp'), field('nonce_str'), body]), field('signature'));
  }

  /** Answers as WeChat Pay does: signed with the platform key, so the merchant can check them. */
  async request(method: 'GET' | 'POST', path: string, body: string, headers: Record<string, string>): Promise<TransportResponse> {
    const { status, body: answer } = this.answer(method, path, body, headers);
    return { status, body: answer, headers: await this.signed(answer) };
  }

  private async signed(body: string): Promise<Record<string, string>> {
    const timestamp = String(Math.floor(this.nowMs() / 1000));
    const n = nonce();
    return { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': n, 'wechatpay-signature': await sign(this.platform.keys.privateKey, signatureMessage([timestamp, n, body])), 'wechatpay-serial': this.platform.serial };
  }

  private answer(method: 'GET' | 'POST', path: string, body: string, headers: Record<string, string>): { status: number; body: string } {
    if (!this.authorized(method, path, body, headers)) return { status: 401, body: JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }) };
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') {
      const req = JSON.parse(body) as { out_trade_no: string; time_expire?: string; amount: { total: number }; notify_url: string; payer: { openid: string } };
      const existing = this.payments.get(req.out_trade_no);
      if (existing) return { status: 200, body: JSON.stringify({ prepay_id: existing.prepayId }) };
      const prepayId = `wx${randomBytes(12).toString('hex')}`;
      this.payments.set(req.out_trade_no, {
        prepayId, orderNo: req.out_trade_no, amount: req.amount.total, openid: req.payer.openid, notifyUrl: req.notify_url,
        state: 'NOTPAY', transactionId: null, successTime: null, refunded: 0, expiresAt: req.time_expire ? Date.parse(req.time_expire) : null,
      });
      this.byPrepay.set(prepayId, req.out_trade_no);
      return { status: 200, body: JSON.stringify({ prepay_id: prepayId }) };
    }
    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)\/close$/.exec(path);
    if (method === 'POST' && close) {
      const p = this.payments.get(decodeURIComponent(close[1]!));
      if (!p) return { status: 404, body: JSON.stringify({ code: 'ORDER_NOT_EXIST', message: '订单不存在' }) };
      if (p.state === 'SUCCESS' || p.state === 'REFUND') return { status: 400, body: JSON.stringify({ code: 'ORDERPAID', message: '订单已支付' }) };
      p.state = 'CLOSED';
      return { status: 204, body: '' };
    }
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^?]+)\?mchid=/.exec(path);
    if (method === 'GET' && query) {
      const p = this.payments.get(decodeURIComponent(query[1]!));
      if (!p) return { status: 404, body: JSON.stringify({ code: 'ORDER_NOT_EXIST', message: '订单不存在' }) };
      return { status: 200, body: JSON.stringify(this.transaction(p)) };
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const req = JSON.parse(body) as { out_trade_no: string; out_refund_no: string; amount: { refund: number } };
      // The same out_refund_no again is the same refund: its state, never a second payout.
      const known = this.refunds.get(req.out_refund_no);
      if (known) return { status: 200, body: JSON.stringify(this.refundJson(known)) };
      const p = this.payments.get(req.out_trade_no);
      const pending = [...this.refunds.values()].filter((r) => r.orderNo === req.out_trade_no && r.state !== 'CLOSED' && r.state !== 'ABNORMAL').reduce((sum, r) => sum + r.amount, 0);
      if (!p || (p.state !== 'SUCCESS' && p.state !== 'REFUND') || pending + req.amount.refund > p.amount) {
        return { status: 400, body: JSON.stringify({ code: 'INVALID_REQUEST', message: '退款金额超过可退金额或订单未支付' }) };
      }
      const refund: SandboxRefund = { outRefundNo: req.out_refund_no, orderNo: req.out_trade_no, amount: req.amount.refund, state: 'PROCESSING' };
      this.refunds.set(refund.outRefundNo, refund);
      p.state = 'REFUND';
      const { answer, then } = this.refundScenario;
      if (answer !== 'PROCESSING') this.settleRefund(refund, answer);
      else if (then) this.later(0, async () => this.finishRefund(refund.outRefundNo, then));
      return { status: 200, body: JSON.stringify(this.refundJson(refund)) };
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^?]+)$/.exec(path);
    if (method === 'GET' && refundQuery) {
      const r = this.refunds.get(decodeURIComponent(refundQuery[1]!));
      if (!r) return { status: 404, body: JSON.stringify({ code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' }) };
      return { status: 200, body: JSON.stringify(this.refundJson(r)) };
    }
    return { status: 404, body: JSON.stringify({ code: 'NOT_FOUND', message: '没有这个接口' }) };
  }

  private refundJson(r: SandboxRefund) {
    return { out_refund_no: r.outRefundNo, out_trade_no: r.orderNo, status: r.state, amount: { refund: r.amount, currency: 'CNY' } };
  }

  private settleRefund(r: SandboxRefund, state: SandboxRefund['state']) {
    r.state = state;
    if (state === 'SUCCESS') this.payments.get(r.orderNo)!.refunded += r.amount;
  }

  refund(outRefundNo: string): SandboxRefund | undefined {
    return this.refunds.get(outRefundNo);
  }

  /** The bank's side of a refund: it ends, and the result is announced as the scenario says. */
  async finishRefund(outRefundNo: string, state: 'SUCCESS' | 'CLOSED' | 'ABNORMAL'): Promise<void> {
    const r = this.refunds.get(outRefundNo);
    if (!r || r.state !== 'PROCESSING') return;
    this.settleRefund(r, state);
    for (let i = 0; i < this.refundScenario.notices; i++) {
      try {
        await this.deliverRefund(await this.refundNoticeFor(r));
      } catch {
        // Lost: reconcile asks.
      }
    }
  }

  /** The signed, encrypted refund-result notice, as WeChat would send it. */
  async refundNoticeFor(r: SandboxRefund): Promise<Callback> {
    const plain = { mchid: this.mchid, out_trade_no: r.orderNo, out_refund_no: r.outRefundNo, refund_status: r.state, amount: { refund: r.amount } };
    return this.signedNotice(`REFUND.${r.state}`, JSON.stringify(plain), 'refund');
  }

  private transaction(p: SandboxPayment) {
    return {
      appid: this.appid, mchid: this.mchid, out_trade_no: p.orderNo, transaction_id: p.transactionId ?? undefined,
      trade_state: p.state === 'REFUND' ? 'SUCCESS' : p.state, success_time: p.successTime ?? undefined,
      amount: { total: p.amount, payer_total: p.amount, currency: 'CNY' }, payer: { openid: p.openid },
    };
  }

  payment(prepayOrOrderNo: string): SandboxPayment | undefined {
    return this.payments.get(this.byPrepay.get(prepayOrOrderNo) ?? prepayOrOrderNo);
  }

  /** The payer confirms (or fails) in the sandbox cashier. A success is announced per the scenario. */
  pay(prepayId: string, outcome: 'success' | 'fail' = 'success'): SandboxPayment {
    const p = this.payment(prepayId);
    if (!p) throw new Error('没有这笔预支付交易');
    if (p.state !== 'NOTPAY') return p;
    if (p.expiresAt !== null && this.nowMs() > p.expiresAt) {
      p.state = 'CLOSED';
      return p;
    }
    if (outcome === 'fail') {
      p.state = 'PAYERROR';
      return p;
    }
    p.state = 'SUCCESS';
    p.transactionId = `4200${randomBytes(10).toString('hex')}`;
    p.successTime = new Date(this.nowMs()).toISOString();
    const { deliveries, delayMs } = this.scenario;
    for (let i = 0; i < deliveries; i++) this.later(delayMs + i * 10, () => this.send(p, 3));
    return p;
  }

  /** The signed, encrypted callback for a payment, as WeChat would send it. */
  async callbackFor(p: SandboxPayment): Promise<Callback> {
    return this.signedNotice('TRANSACTION.SUCCESS', JSON.stringify(this.transaction(p)), 'transaction');
  }

  private async signedNotice(eventType: string, plain: string, associatedData: string): Promise<Callback> {
    const resource = encryptResource(this.apiV3Key, plain, associatedData);
    const body = JSON.stringify({ id: randomBytes(8).toString('hex'), create_time: new Date(this.nowMs()).toISOString(), resource_type: 'encrypt-resource', event_type: eventType, summary: eventType, resource });
    const timestamp = String(Math.floor(this.nowMs() / 1000));
    const n = nonce();
    return {
      headers: {
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': n,
        'Wechatpay-Signature': await sign(this.platform.keys.privateKey, signatureMessage([timestamp, n, body])),
        'Wechatpay-Serial': this.platform.serial,
        'Content-Type': 'application/json',
      },
      body,
    };
  }

  /** Sends a callback; a merchant that does not acknowledge it gets it again, like WeChat's retries. */
  private async send(p: SandboxPayment, attemptsLeft: number): Promise<void> {
    let acknowledged = false;
    try {
      acknowledged = await this.deliver(await this.callbackFor(p));
    } catch {
      acknowledged = false;
    }
    if (!acknowledged && attemptsLeft > 1) this.later(50, () => this.send(p, attemptsLeft - 1));
  }

  private later(ms: number, work: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work();
    }, ms);
    this.timers.add(timer);
  }

  /** Stops pending deliveries (server shutdown, end of a test). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
