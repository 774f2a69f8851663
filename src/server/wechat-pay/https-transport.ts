/** The production Transport: HTTPS to WeChat Pay's API v3 host. */
import type { Transport } from './gateway';

export class HttpsTransport implements Transport {
  constructor(private readonly host = 'https://api.mch.weixin.qq.com') {}

  async request(method: 'GET' | 'POST', path: string, body: string, headers: Record<string, string>) {
    const res = await fetch(`${this.host}${path}`, { method, headers, ...(method === 'POST' ? { body } : {}), signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  }
}
