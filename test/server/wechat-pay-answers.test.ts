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
    await gateway.createPayment({ orderNo: 'YB1', amount: 38000, description: '医保', openid: 'o' });
    expect(await gateway.queryPayment('YB1')).toMatchObject({ orderNo: 'YB1', state: 'NOTPAY' });
    platform.stop();
  });

  it('an order query rewritten to SUCCESS on the way is refused, so reconcile cannot enrol on it', async () => {
    const { platform, gateway } = setup((r) => ({ ...r, body: r.body.replace('"NOTPAY"', '"SUCCESS"') }));
    await gateway.createPayment({ orderNo: 'YB1', amount: 38000, description: '医保', openid: 'o' });
    await expect(gateway.queryPayment('YB1')).rejects.toThrow('no valid platform signature');
    platform.stop();
  });

  it('an answer without signature headers is refused', async () => {
    const { platform, gateway } = setup((r) => ({ ...r, headers: {} }));
    await expect(gateway.createPayment({ orderNo: 'YB1', amount: 38000, description: '医保', openid: 'o' })).rejects.toThrow('no valid platform signature');
    platform.stop();
  });
});
