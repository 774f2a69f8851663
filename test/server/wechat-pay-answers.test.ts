/** WeChat Pay's API answers are believed only with the platform's signature (as callbacks are). */
import { describe, expect, it } from 'vitest';
import { WechatPayGateway, type Transport } from '../../src/server/wechat-pay/gateway';
import { SandboxPayPlatform } from '../../src/server/wechat-pay/sandbox';

function setup(tamper: (r: Awaited<ReturnType<Transport['request']>>) => Awaited<ReturnType<Transport['request']>> = (r) => r) {
  const now = Date.parse('2021-11-02T10:00:00+08:00');
  const platform = new SandboxPayPlatform(async () => true, () => now);
  const transport: Transport = { request: async (...args) => tamper(await platform.request(...args)) };
  const gateway = new WechatPayGateway(platform.merchantConfig('http://127.0.0.1/api/payNotify'), transport, () => Math.floor(now / 1000));
  return { platform, gateway };
}

describe('WeChat Pay answers', () => {
  it('a signed answer is taken', async () => {
    const { platform, gateway } = setup();
    await gateway.createPayment({ orderNo: 'YB1', amount: 38000, description: '医保', openid: 'o', expiresAt: Date.parse('2021-11-02T12:00:00+08:00') });
    expect(await gateway.queryPayment('YB1')).toMatchObject({ orderNo: 'YB1', state: 'NOTPAY' });
    platform.stop();
  });

  it('an order query rewritten to SUCCESS on the way is refused, so reconcile cannot enrol on it', async () => {
    const { platform, gateway } = setup((r) => ({ ...r, body: r.body.replace('"NOTPAY"', '"SUCCESS"') }));
    await gateway.createPayment({ orderNo: 'YB1', amount: 38000, description: '医保', openid: 'o', expiresAt: Date.parse('2021-11-02T12:00:00+08:00') });
    await expect(gateway.queryPayment('YB1')).rejects.toThrow('no valid platform signature');
    platform.stop();
  });

  it('an answer without signature headers is refused', async () => {
    const { platform, gateway } = setup((r) => ({ ...r, headers: {} }));
    await expect(gateway.createPayment({ orderNo: 'YB1', amount: 38000, description: '医保', openid: 'o', expiresAt: Date.parse('2021-11-02T12:00:00+08:00') })).rejects.toThrow('no valid platform signature');
    platform.stop();
  });
});

describe('WeChat Pay notices', () => {
  const now = Date.parse('2021-11-02T10:00:00+08:00');
  let orders = 0;
  async function paidCallback(platform: SandboxPayPlatform, gateway: WechatPayGateway) {
    const { prepayId } = await gateway.createPayment({ orderNo: `YB${++orders}`, amount: 38000, description: '医保', openid: 'o', expiresAt: Date.parse('2021-11-02T12:00:00+08:00') });
    return platform.callbackFor(platform.pay(prepayId));
  }

  it('a platform key rotation does not stop settlement: each notice is checked against the key its serial names', async () => {
    const platform = new SandboxPayPlatform(async () => true, () => now);
    platform.scenario = { deliveries: 0, delayMs: 0 };
    const transport: Transport = { request: (...args) => platform.request(...args) };
    const before = new WechatPayGateway(platform.merchantConfig('http://127.0.0.1/api/payNotify'), transport, () => Math.floor(now / 1000));
    const old = await paidCallback(platform, before);
    platform.rotatePlatformKey();
    // The merchant has added the new key beside the old one: both serials verify.
    const both = new WechatPayGateway(platform.merchantConfig('http://127.0.0.1/api/payNotify'), transport, () => Math.floor(now / 1000));
    const fresh = await paidCallback(platform, both);
    expect(both.verifyNotice(old.headers, old.body)).toMatchObject({ state: 'SUCCESS' });
    expect(both.verifyNotice(fresh.headers, fresh.body)).toMatchObject({ state: 'SUCCESS' });
    // A merchant that does not know the new serial refuses what it cannot check.
    expect(before.verifyNotice(fresh.headers, fresh.body)).toBeNull();
    // A serial naming no key is refused, even with the signature of a known one.
    expect(both.verifyNotice({ ...fresh.headers, 'Wechatpay-Serial': 'UNKNOWN' }, fresh.body)).toBeNull();
    platform.stop();
  });

  it('a notice with a timestamp that is not a number is refused', async () => {
    const platform = new SandboxPayPlatform(async () => true, () => now);
    platform.scenario = { deliveries: 0, delayMs: 0 };
    const gateway = new WechatPayGateway(platform.merchantConfig('http://127.0.0.1/api/payNotify'), { request: (...args) => platform.request(...args) }, () => Math.floor(now / 1000));
    const cb = await paidCallback(platform, gateway);
    expect(gateway.verifyNotice(cb.headers, cb.body)).not.toBeNull();
    expect(gateway.verifyNotice({ ...cb.headers, 'Wechatpay-Timestamp': 'soon' }, cb.body)).toBeNull();
    platform.stop();
  });
});
