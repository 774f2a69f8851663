/** The local server over real HTTP on loopback, on a database in a temporary folder. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../src/server/http-server';
import { localSystem, type LocalSystem } from '../../src/server/local-deps';
import { seedHouseholds } from '../../src/server/seed';
import { ShanghaiDayClock } from '../../src/server/simulated-clock';
import { addDays } from '../../src/core/civil-date';
import { idNumber } from '../support/people';
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
  server = createLocalServer({ deps: system.deps, sandbox: system.sandbox, voucherSandbox: system.voucherSandbox, files: system.files, outbox: system.messenger, staticDir: join(dir, 'no-h5'), setToday: (d) => clock.setToday(d) });
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

describe('npm run import (the operator tool)', () => {
  it('uploads a large roster and imports it a window per call with a progress bar, keeping line numbers, and merges the report', async () => {
    await system.storage.sql.query("insert into operators values ('demo-operator', '演示') on conflict do nothing");
    const rows = Array.from({ length: 4500 }, (_, i) => `IMP${i},dingtao,天中街道,人${i},${idNumber('371703', addDays('1940-01-01', i * 3), '011')}`);
    rows.splice(4200, 0, `IMPQ,dingtao,"天中
街道",换行,${idNumber('371703', '2001-01-01', '013')}`);
    rows.push(`IMPX,dingtao,天中街道,坏号,37170320010101001Z`);
    const file = join(dir, 'roster.csv');
    writeFileSync(file, ['户编号,地区,村社区,姓名,证件号码', ...rows].join('\n'));
    // Asynchronous: the server answering the tool runs in this very process.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'import', '--', 'roster', file], { env: { ...process.env, PORT: new URL(base).port } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('100%');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ rows: 4502, imported: 4501, unchanged: 0 });
    // Header on line 1, 4,500 rows plus one with a line break: the bad row is on line 4504.
    expect(report.rejected).toEqual([{ line: 4504, reason: '证件号码不正确（位数、出生日期或校验位）' }]);
  }, 120_000);

  it('takes uploads from operators only', async () => {
    const res = await fetch(`${base}/sandbox/upload`, { method: 'POST', headers: { 'X-Openid': 'o-resident' }, body: 'a,b\n1,2\n' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_OPERATOR' } });
  });
});

describe('a refund proof over HTTP', () => {
  const upload = (body: Uint8Array | string, openid: string | null = 'o-resident') =>
    fetch(`${base}/sandbox/upload-proof`, { method: 'POST', headers: openid ? { 'X-Openid': openid } : {}, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('takes a photo or a PDF from any resident, by its bytes; anything else, or too big, is refused with a reason', async () => {
    const pdf = await upload('%PDF-1.4\n');
    expect(await pdf.json()).toMatchObject({ ok: true, data: { fileID: expect.stringMatching(/^local:\/\/refund-proofs\//) } });
    const exe = await upload('MZ\x90\x00');
    expect(exe.status).toBe(415);
    expect(await exe.json()).toMatchObject({ error: { code: 'NOT_A_PROOF', message: '只能上传照片（JPG、PNG）或 PDF 文件' } });
    const big = await upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect((await upload('%PDF-1.4\n', null)).status).toBe(401);
  });

  it('serves it to whoever holds its signed link, with its type, and nothing else under /files/', async () => {
    const { data } = await (await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]))).json();
    const url = await system.files.link(data.fileID, 600);
    const ok = await fetch(`${base}${url}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await ok.arrayBuffer()).byteLength).toBe(11);
    expect((await fetch(`${base}${url!.replace(/sig=./, 'sig=A')}`)).status).toBe(403);
    expect((await fetch(`${base}/files/refund-proofs/${data.fileID.slice(-24)}`)).status).toBe(403);
    await system.files.remove(data.fileID);
    expect((await fetch(`${base}${url}`)).status).toBe(403);
  });
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
    expect(await post('/api/quote', 'x'.repeat(1100 * 1024), 'u', true)).toMatchObject({ status: 413 });
    expect(await post('/api/quote', { householdId: 'DT-0001' }, '')).toMatchObject({ json: { error: { code: 'NO_CALLER' } } });
    expect((await fetch(`${base}/api/quote`)).status).toBe(405);
    expect(await post('/api/payNotify', { forged: true })).toMatchObject({ status: 401, json: { code: 'FAIL' } });
    expect(await post('/api/refundNotify', { forged: true })).toMatchObject({ status: 401, json: { code: 'FAIL' } });
    expect((await fetch(`${base}/%`)).status).toBe(400);
    expect((await fetch(`${base}/%E4%B8`)).status).toBe(400);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('本地服务已启动');
  });
});

describe('POST /sandbox/timings', () => {
  it('answers the server-side time of the requests since the last call, then starts over', async () => {
    await post('/sandbox/timings', {});
    await post('/api/onSale', {});
    await post('/api/onSale', {});
    const first = await post('/sandbox/timings', {});
    expect(first.json.data).toMatchObject({ count: 2 });
    expect(first.json.data.p50).toBeGreaterThan(0);
    expect((await post('/sandbox/timings', {})).json.data.count).toBe(0);
  });
});
