/** The local server over real HTTP on loopback, on a database in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../src/server/http-server';
import { localSystem, type LocalSystem } from '../../src/server/local-deps';
import { seedHouseholds } from '../../src/server/seed';
import { ShanghaiDayClock } from '../../src/server/simulated-clock';
import { DINGTAO_FAMILY } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'yibao-http-'));
let system: LocalSystem;
let server: ReturnType<typeof createLocalServer>;
let base = '';
const clock = new ShanghaiDayClock('2023-10-10');

async function start() {
  let port = 0;
  system = await localSystem({
    dataDir: dir,
    clock,
    notifyUrl: 'http://127.0.0.1/api/payNotify',
    deliver: async ({ headers, body }) => (await fetch(`http://127.0.0.1:${port}/api/payNotify`, { method: 'POST', headers, body })).ok,
    deliverVoucher: async ({ headers, body }) => (await fetch(`http://127.0.0.1:${port}/api/voucherNotify`, { method: 'POST', headers, body })).ok,
  });
  server = createLocalServer({ deps: system.deps, sandbox: system.sandbox, voucherSandbox: system.voucherSandbox, staticDir: join(dir, 'no-h5'), setToday: (d) => clock.setToday(d) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
}

async function stop() {
  await new Promise((resolve) => server.close(resolve));
  await system.close();
}

async function post(path: string, body: unknown, openid = 'o-http-user', raw = false) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Openid': openid }, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  await start();
  await seedHouseholds(system.storage, [DINGTAO_FAMILY]);
});
afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('local server', () => {
  it('pays a household end to end, the callback coming over HTTP, and keeps it across a restart', async () => {
    const [first] = DINGTAO_FAMILY.members;
    expect((await post('/api/lookupHousehold', { name: first!.name, idNumber: first!.idNumber })).json.ok).toBe(true);
    const q = (await post('/api/quote', { householdId: 'DT-0001' })).json.data;
    expect(q.totalDue).toBe('760.00');
    const order = (await post('/api/createOrder', { householdId: 'DT-0001', memberIds: q.members.map((m: any) => m.memberId) })).json.data;
    const prepayId = order.payParams.package.replace('prepay_id=', '');
    expect((await post('/sandbox/pay', { prepayId })).json.data.state).toBe('SUCCESS');
    let status = '';
    for (let i = 0; i < 100 && status !== 'paid'; i++) {
      status = (await post('/api/orderStatus', { orderNo: order.orderNo })).json.data.status;
      if (status !== 'paid') await new Promise((r) => setImmediate(r));
    }
    expect(status).toBe('paid');

    await stop();
    await start();
    expect((await post('/api/orderStatus', { orderNo: order.orderNo })).json.data.status).toBe('paid');
    expect((await post('/api/quote', { householdId: 'DT-0001' })).json.data.totalDue).toBe('0.00');
  });

  it('moves the simulated date and says when a year is not on sale', async () => {
    expect((await post('/sandbox/clock', { today: '2023-08-01' })).status).toBe(200);
    const q = await post('/api/quote', { householdId: 'DT-0001' });
    expect(q.json).toMatchObject({ ok: false, error: { code: 'NOT_ON_SALE' } });
    expect(q.json.error.message).toContain('2023年9月1日');
    expect((await post('/sandbox/clock', { today: '2023-02-30' })).status).toBe(400);
    await post('/sandbox/clock', { today: '2023-10-10' });
  });

  it('answers bad requests with a clear error, never a 500', async () => {
    expect(await post('/api/quote', '{not json', 'u', true)).toMatchObject({ status: 400, json: { error: { code: 'BAD_JSON' } } });
    expect(await post('/api/nothing', {})).toMatchObject({ status: 404, json: { error: { code: 'UNKNOWN_FUNCTION' } } });
    expect(await post('/api/quote', 'x'.repeat(300 * 1024), 'u', true)).toMatchObject({ status: 413 });
    expect(await post('/api/quote', { householdId: 'DT-0001' }, '')).toMatchObject({ json: { error: { code: 'NO_CALLER' } } });
    expect((await fetch(`${base}/api/quote`)).status).toBe(405);
    expect(await post('/api/payNotify', { forged: true })).toMatchObject({ status: 401, json: { code: 'FAIL' } });
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('本地服务已启动');
  });
});
