/**
 * The cloud functions as deployed: each built `cloudfunctions/<name>/index.js` runs in a fresh
 * Node process with only the environment a CloudBase function has — the real @cloudbase/node-sdk
 * finds the loopback emulator through TCB_CONTEXT_CNFG, WeChat Pay's API is a loopback endpoint
 * speaking v3 with real signatures (the sandbox platform) — and recorded event shapes: callable
 * events with `userInfo`, HTTP-access events for the notices (body plain and base64), a timer
 * event for reconcile. A process that dies of an unhandled rejection fails the test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cloudbase from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionEvents } from '../../src/contracts/functions';
import { CloudbaseStorage } from '../../src/server/cloudbase/storage';
import { seedHouseholds } from '../../src/server/seed';
import { SandboxPayPlatform, type Callback } from '../../src/server/wechat-pay/sandbox';
import { bundleProblems, manifestProblems } from '../../scripts/predeploy';
import { CloudbaseEmulator } from '../support/cloudbase-emulator';
import { DINGTAO_FAMILY, manifestIndexes } from '../server/harness';

const root = new URL('../../cloudfunctions/', import.meta.url).pathname;
const runner = new URL('../support/run-function.cjs', import.meta.url).pathname;
/** Inside dingtao-2024's collection period (the notices on file end in 2024). */
const NOW = Date.parse('2023-10-10T09:30:00+08:00');
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('cloudfunctions/', () => {
  it('has a folder for every function of the contract, plus the two notices and reconcile, each in the manifest', () => {
    expect(folders).toEqual([...Object.keys(functionEvents), 'payNotify', 'refundNotify', 'voucherNotify', 'reconcile'].sort());
    const manifest = JSON.parse(readFileSync(new URL('../../cloudbaserc.json', import.meta.url), 'utf8'));
    expect(manifest.functions.map((f: { name: string }) => f.name).sort()).toEqual(folders);
    for (const name of folders) {
      const pkg = JSON.parse(readFileSync(`${root}${name}/package.json`, 'utf8'));
      expect(pkg).toMatchObject({ name, main: 'index.js', dependencies: { '@cloudbase/node-sdk': expect.any(String) } });
    }
  });
});

describe('the built functions, run as CloudBase runs them', () => {
  let emulator: CloudbaseEmulator;
  let platform: SandboxPayPlatform;
  let wechatPay: Server;
  let env: Record<string, string>;
  const payer = DINGTAO_FAMILY.members[0]!;

  beforeAll(async () => {
    execFileSync(process.execPath, ['config/build-functions.mjs'], { stdio: 'pipe' });
    emulator = await new CloudbaseEmulator(manifestIndexes()).start();
    platform = new SandboxPayPlatform(async () => false, () => NOW);
    platform.scenario = { deliveries: 0, delayMs: 0 };
    // WeChat Pay's API host, on loopback: the sandbox answers signed, as the real one does.
    wechatPay = createServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += c;
      const answer = await platform.request(req.method as 'GET' | 'POST', req.url ?? '/', body, req.headers as Record<string, string>);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
    });
    await new Promise<void>((r) => wechatPay.listen(0, '127.0.0.1', r));
    const merchant = platform.merchantConfig('https://example.invalid/payNotify');
    env = {
      ...emulator.env(),
      WECHATPAY_APPID: merchant.appid,
      WECHATPAY_MCHID: merchant.mchid,
      WECHATPAY_SERIAL: merchant.merchantSerial,
      // As a console holds them: one line, newlines written as \n.
      WECHATPAY_PRIVATE_KEY: merchant.merchantPrivateKey.replace(/\n/g, '\\n'),
      WECHATPAY_PLATFORM_PUBLIC_KEYS: JSON.stringify(merchant.platformPublicKeys),
      WECHATPAY_APIV3_KEY: merchant.apiV3Key,
      WECHATPAY_NOTIFY_URL: merchant.notifyUrl,
      WECHATPAY_API_BASE: `http://127.0.0.1:${(wechatPay.address() as AddressInfo).port}`,
      VOUCHER_ENTRIES: '{}',
      VOUCHER_SECRET: 'voucher-secret',
      YIBAO_TEST_NOW: new Date(NOW).toISOString(),
    };
    // The roster, written through the same SDK and adapter from this process.
    Object.assign(process.env, emulator.env());
    await seedHouseholds(new CloudbaseStorage(cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }).database() as never), [DINGTAO_FAMILY]);
  }, 120_000);

  afterAll(async () => {
    platform?.stop();
    wechatPay?.close();
    await emulator?.stop();
  });

  /** Runs a bundle in its own process; the answer and how the process ended. */
  function run(name: string, event: unknown, extra: Record<string, string | undefined> = {}): Promise<{ code: number | null; answer: any; stderr: string }> {
    const bundle = `${root}${name}/index.js`;
    expect(existsSync(bundle)).toBe(true);
    const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [k, v] of Object.entries({ ...env, ...extra })) if (v !== undefined) childEnv[k] = v;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [runner, bundle], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let stderr = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr, answer: out.trim() ? JSON.parse(out.trim().split('\n').at(-1)!) : null }));
      child.stdin.end(JSON.stringify(event));
    });
  }

  const callable = (name: string, openid: string, event: object) => run(name, { ...event, userInfo: { openId: openid, appId: 'wx-test' } }, { WX_OPENID: openid });
  const httpAccess = (cb: Callback, base64: boolean) =>
    run('payNotify', { httpMethod: 'POST', path: '/payNotify', headers: cb.headers, body: base64 ? Buffer.from(cb.body).toString('base64') : cb.body, isBase64Encoded: base64 });

  it('passes npm run predeploy: only the SDK and Node modules required, no WASM, within budget; the manifest names every function with its own secrets', () => {
    expect(bundleProblems()).toEqual([]);
    expect(manifestProblems()).toEqual([]);
  });

  it('each function installs the SDK the tests ran: its package-lock.json holds that version and every package the tree needs', () => {
    const tested = JSON.parse(readFileSync(new URL('../../node_modules/@cloudbase/node-sdk/package.json', import.meta.url), 'utf8')).version;
    for (const name of folders) {
      const { packages } = JSON.parse(readFileSync(`${root}${name}/package-lock.json`, 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
      expect(packages['node_modules/@cloudbase/node-sdk']?.version).toBe(tested);
      // Node's lookup from each package up the tree finds every dependency it names.
      for (const [path, entry] of Object.entries(packages)) {
        for (const dep of Object.keys(entry.dependencies ?? {})) {
          const candidates = [];
          for (let at = path; ; at = at.slice(0, Math.max(at.lastIndexOf('/node_modules/'), 0))) {
            candidates.push(`${at ? `${at}/` : ''}node_modules/${dep}`);
            if (!at) break;
          }
          expect(candidates.some((c) => packages[c]), `${name}: ${path} needs ${dep}`).toBe(true);
        }
      }
    }
  });

  it('every bundle loads and exports main without touching the network', () => {
    for (const name of folders) {
      const out = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(`${root}${name}/index.js`)}).main)`], { env: { PATH: process.env.PATH ?? '' } });
      expect(out.toString()).toBe('function');
    }
  });

  it('a resident looks up, orders and pays; the signed callback settles (each write atomic, no transaction); reconcile runs on its timer', async () => {
    const lookup = await callable('lookupHousehold', 'o-payer', { name: payer.name, idNumber: payer.idNumber });
    expect(lookup).toMatchObject({ code: 0, answer: { ok: true, data: { householdId: DINGTAO_FAMILY.householdId } } });
    const quote = await callable('quote', 'o-payer', { householdId: DINGTAO_FAMILY.householdId });
    const memberIds = quote.answer.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
    const order = await callable('createOrder', 'o-payer', { householdId: DINGTAO_FAMILY.householdId, memberIds });
    expect(order).toMatchObject({ code: 0, answer: { ok: true, data: { payParams: { package: expect.stringMatching(/^prepay_id=/) } } } });
    const orderNo = order.answer.data.orderNo as string;

    const payment = platform.pay(order.answer.data.payParams.package.replace('prepay_id=', ''));
    const callback = await platform.callbackFor(payment);
    emulator.counts.clear();
    const settled = await httpAccess(callback, false);
    expect(settled).toMatchObject({ code: 0, answer: { statusCode: 200 } });
    expect(JSON.parse(settled.answer.body)).toEqual({ code: 'SUCCESS' });
    expect(emulator.counts.get('database.startTransaction')).toBeUndefined();
    expect(emulator.docs('orders').find((o) => o._id === orderNo)).toMatchObject({ status: 'paid' });
    // WeChat Pay repeats itself; through HTTP access the body may come base64-encoded.
    expect(await httpAccess(callback, true)).toMatchObject({ code: 0, answer: { statusCode: 200 } });
    expect(emulator.docs('enrolments')).toHaveLength(memberIds.length);

    const status = await callable('orderStatus', 'o-payer', { orderNo });
    expect(status.answer.data).toMatchObject({ status: 'paid' });
    expect(status.answer.data.items.map((i: any) => i.status)).toEqual(memberIds.map(() => 'enrolled'));
    const timer = await run('reconcile', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date(NOW).toISOString() });
    expect(timer).toMatchObject({ code: 0, answer: { checked: expect.any(Number) } });
  });

  it('a forged callback is refused with 401 and changes nothing', async () => {
    const forged = { headers: { 'Wechatpay-Signature': 'AAAA', 'Wechatpay-Timestamp': String(Math.floor(NOW / 1000)), 'Wechatpay-Nonce': 'n', 'Wechatpay-Serial': 'S' }, body: '{}' };
    expect(await httpAccess(forged, false)).toMatchObject({ code: 0, answer: { statusCode: 401 } });
  });

  it('without credentials or with a malformed secret each answers INTERNAL (or 500) and names the variable, never crashing', async () => {
    const missing = await run('lookupHousehold', { name: payer.name, idNumber: payer.idNumber }, { TENCENTCLOUD_SECRETID: undefined, TENCENTCLOUD_SECRETKEY: undefined });
    expect(missing).toMatchObject({ code: 0, answer: { ok: false, error: { code: 'INTERNAL' } } });
    expect(missing.stderr).toContain('TENCENTCLOUD_SECRETID');
    const badKey = await run('payNotify', { headers: {}, body: '{}' }, { WECHATPAY_APIV3_KEY: 'short' });
    expect(badKey).toMatchObject({ code: 0, answer: { statusCode: 500 } });
    expect(badKey.stderr).toContain('WECHATPAY_APIV3_KEY');
    const timer = await run('reconcile', { Type: 'Timer' }, { WECHATPAY_PRIVATE_KEY: 'not a key' });
    expect(timer).toMatchObject({ code: 0, answer: { ok: false, error: { code: 'INTERNAL' } } });
    expect(timer.stderr).toContain('WECHATPAY_PRIVATE_KEY');
  });

  it('a function runs with only the secrets the manifest gives it: no merchant key where nothing is signed', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../cloudbaserc.json', import.meta.url), 'utf8'));
    const only = (name: string) => {
      const given = Object.keys(manifest.functions.find((f: { name: string }) => f.name === name).envVariables ?? {});
      return Object.fromEntries(Object.keys(env).filter((k) => k.startsWith('WECHATPAY_') || k.startsWith('VOUCHER_')).map((k) => [k, given.includes(k) || k === 'WECHATPAY_API_BASE' ? env[k] : undefined]));
    };
    expect(await callable('lookupHousehold', 'o-only', { name: payer.name, idNumber: payer.idNumber }).then((r) => r.answer.ok)).toBe(true);
    const lookup = await run('lookupHousehold', { name: payer.name, idNumber: payer.idNumber, userInfo: { openId: 'o-only' } }, { ...only('lookupHousehold'), WX_OPENID: 'o-only' });
    expect(lookup.answer).toMatchObject({ ok: true });
    const notice = await run('payNotify', { headers: {}, body: '{}' }, only('payNotify'));
    expect(notice.answer).toMatchObject({ statusCode: 401 });
  });
});
