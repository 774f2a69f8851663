/**
 * How the app reaches a cloud function on H5 (and in tests): POST /api/<name> on the local
 * server. On weapp, Taro picks transport.weapp.ts instead (wx.cloud.callFunction).
 */
const OPENID_KEY = 'yibao-openid';

/**
 * In a browser there is no WeChat OPENID: the local server takes one from X-Openid, and this
 * browser keeps a random one, so its orders stay its own across reloads.
 */
export function browserOpenid(): string {
  let id = localStorage.getItem(OPENID_KEY);
  if (!id) {
    id = `h5-${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem(OPENID_KEY, id);
  }
  return id;
}

export async function callFunction(name: string, data: unknown): Promise<unknown> {
  const res = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Openid': browserOpenid() },
    body: JSON.stringify(data),
  });
  return res.json();
}

/** The local sandbox's own endpoints (cashier, official voucher entry): H5 only. */
export async function callSandbox(path: 'pay' | 'voucher', data: unknown): Promise<{ ok: boolean; data?: { state?: string } }> {
  const res = await fetch(`/sandbox/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Openid': browserOpenid() },
    body: JSON.stringify(data),
  });
  return (await res.json()) as { ok: boolean; data?: { state?: string } };
}
