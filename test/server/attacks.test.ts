/**
 * The standing attack suite: the attack run made against `npm start` (issue 15), replayed over
 * loopback HTTP against the local server on every `npm test`, so what held stays held. Each attack
 * counts its attempts and how many held (refused, or answered without leaking or changing what is
 * not the caller's); the table is printed at the end and kept in the README ("Attack suite").
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../src/server/http-server';
import { localSystem, type LocalSystem } from '../../src/server/local-deps';
import { PgliteStorage } from '../../src/server/pglite-storage';
import { seedHouseholds } from '../../src/server/seed';
import { ShanghaiDayClock } from '../../src/server/simulated-clock';
import { idNumber } from '../support/people';
import { DINGTAO_FAMILY } from './harness';

const OTHER_FAMILY = { householdId: 'DT-0002', region: 'dingtao', unit: '定陶街道', members: [{ idNumber: idNumber('371703', '1980-05-05', '111'), name: '孙明' }] };
const [DAD, MUM] = DINGTAO_FAMILY.members;
const ALICE = 'o-attack-alice';
const MALLORY = 'o-attack-mallory';

let system: LocalSystem;
let server: ReturnType<typeof createLocalServer>;
let base = '';
const tally = new Map<string, { attempts: number; held: number }>();

/** Counts one attempt of an attack, and whether it held. */
function attempt(attack: string, held: boolean) {
  const t = tally.get(attack) ?? { attempts: 0, held: 0 };
  tally.set(attack, { attempts: t.attempts + 1, held: t.held + (held ? 1 : 0) });
}

function expectAllHeld(attack: string) {
  const t = tally.get(attack)!;
  expect(t.attempts).toBeGreaterThan(0);
  expect(t, attack).toEqual({ attempts: t.attempts, held: t.attempts });
}

async function post(path: string, body: unknown, openid: string, raw = false) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Openid': openid }, body: raw ? (body as string) : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // said by the caller's assertion
  }
  return { status: res.status, json };
}

const call = async (openid: string, name: string, event: unknown) => (await post(`/api/${name}`, event, openid)).json;

/** Looks up, orders every payable member and pays in the sandbox; answers the order number. */
async function pay(openid: string, family = DINGTAO_FAMILY) {
  await call(openid, 'lookupHousehold', { name: family.members[0]!.name, idNumber: family.members[0]!.idNumber });
  const q = await call(openid, 'quote', { householdId: family.householdId });
  const memberIds = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
  const order = await call(openid, 'createOrder', { householdId: family.householdId, memberIds });
  return { orderNo: order.data.orderNo as string, prepayId: (order.data.payParams.package as string).replace('prepay_id=', '') };
}

beforeAll(async () => {
  const clock = new ShanghaiDayClock('2023-10-10');
  system = await localSystem({
    template: await PgliteStorage.schemaTemplate(),
    clock,
    notifyUrl: 'http://127.0.0.1/api/payNotify',
    // Callbacks are delivered by hand below, so each can be replayed and altered.
    deliver: async () => false,
    deliverVoucher: async ({ headers, body }) => (await fetch(`${base}/api/voucherNotify`, { method: 'POST', headers, body })).ok,
  });
  system.sandbox.scenario = { deliveries: 0, delayMs: 0 };
  await seedHouseholds(system.storage, [DINGTAO_FAMILY, OTHER_FAMILY]);
  server = createLocalServer({ deps: system.deps, sandbox: system.sandbox, voucherSandbox: system.voucherSandbox, files: system.files, outbox: system.messenger, staticDir: '/nonexistent', setToday: () => false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  console.log(['| attack | attempts | held |', '|---|---:|---:|', ...[...tally].map(([a, t]) => `| ${a} | ${t.attempts} | ${t.held} |`)].join('\n'));
  await new Promise((resolve) => server.close(resolve));
  await system.close();
});

describe('attacks over loopback HTTP', () => {
  it('forged, altered and replayed payment callbacks: refused, or idempotent', async () => {
    const { orderNo, prepayId } = await pay(ALICE);
    const genuine = await system.sandbox.callbackFor(system.sandbox.pay(prepayId));
    const send = (headers: Record<string, string>, body: string) => fetch(`${base}/api/payNotify`, { method: 'POST', headers, body });
    const ATTACK = 'payment callbacks forged, altered or replayed';
    // Altered: every field of the signed body changed in turn, and each signing header.
    const altered = [
      genuine.body.replace(/"ciphertext":"./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A')),
      genuine.body.replace(/"id":"[^"]*"/, '"id":"forged"'),
      genuine.body.replace(/"event_type":"[^"]*"/, '"event_type":"REFUND.SUCCESS"'),
      `${genuine.body} `,
    ];
    for (const body of altered) attempt(ATTACK, (await send(genuine.headers, body)).status === 401);
    for (const header of ['Wechatpay-Signature', 'Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial']) {
      const headers = { ...genuine.headers, [header]: header === 'Wechatpay-Timestamp' ? String(Number(genuine.headers[header]) - 600) : 'x' };
      attempt(ATTACK, (await send(headers, genuine.body)).status === 401);
    }
    attempt(ATTACK, (await send({}, genuine.body)).status === 401);
    // The genuine one, then the same again ten times: one enrolment per member, nothing twice.
    for (let i = 0; i < 11; i++) attempt(ATTACK, (await send(genuine.headers, genuine.body)).status === 200);
    const enrolments = (await system.storage.sql.query<{ n: number }>('select count(*)::int as n from enrolments')).rows[0]!.n;
    attempt(ATTACK, enrolments === 2 && (await call(ALICE, 'orderStatus', { orderNo })).data.status === 'paid');
    expectAllHeld(ATTACK);
  });

  it("another caller reads or changes nothing of a family's orders, certificates, refunds, vouchers or household", async () => {
    const orders = await call(ALICE, 'myOrders', {});
    const orderNo = orders.data[0].orderNo as string;
    const memberId = orders.data[0].items[0].memberId as string;
    const ATTACK = "another caller's order, certificate, refund, voucher or household";
    const tries: Array<[string, unknown]> = [
      ['orderStatus', { orderNo }],
      ['certificate', { orderNo }],
      ['refundCheck', { orderNo, memberId, reason: 'death' }],
      ['requestRefund', { orderNo, memberId, reason: 'death' }],
      ['quote', { householdId: DINGTAO_FAMILY.householdId }],
      ['createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [memberId] }],
      ['voucherStatus', { householdId: DINGTAO_FAMILY.householdId }],
      ['activateVoucher', { householdId: DINGTAO_FAMILY.householdId, memberId }],
      ['newbornWindow', { householdId: DINGTAO_FAMILY.householdId, birthDate: '2023-09-01' }],
      ['registerNewborn', { householdId: DINGTAO_FAMILY.householdId, name: '假宝宝', birthDate: '2023-09-01', birthCertificateNo: 'Q370000001', guardianMemberId: memberId, parentName: DAD!.name, parentIdNumber: DAD!.idNumber }],
      ['progress', { policyId: 'dingtao-2024' }],
      ['refundsToAttend', {}],
      ['resolveNewbornClaim', { claimantId: memberId, keep: 'claimant' }],
      ['importRoster', { kind: 'roster', csv: '户号,姓名,证件号码\nX,Y,Z' }],
    ];
    for (const [name, event] of tries) {
      const r = await call(MALLORY, name, event);
      attempt(ATTACK, r.ok === false && JSON.stringify(r).indexOf(orderNo) < 0 && !JSON.stringify(r).includes(DAD!.idNumber));
    }
    // What the other caller sees of their own: no order of Alice's.
    attempt(ATTACK, (await call(MALLORY, 'myOrders', {})).data.length === 0);
    expect((await call(ALICE, 'certificate', { orderNo })).ok).toBe(true);
    expectAllHeld(ATTACK);
  });

  it("a child's number registered by another household: the answer tells nothing, and the real family is not blocked", async () => {
    const ATTACK = "registering another family's child";
    const child = (birthCertificateNo: string, family: 'alice' | 'mallory') =>
      family === 'alice'
        ? { householdId: DINGTAO_FAMILY.householdId, name: '赵宝宝', birthDate: '2023-09-20', birthCertificateNo, guardianMemberId: 'DT-0001-1', parentName: DAD!.name, parentIdNumber: DAD!.idNumber }
        : { householdId: OTHER_FAMILY.householdId, name: '孙宝宝', birthDate: '2023-09-20', birthCertificateNo, guardianMemberId: 'DT-0002-1', parentName: OTHER_FAMILY.members[0]!.name, parentIdNumber: OTHER_FAMILY.members[0]!.idNumber };
    await call(ALICE, 'lookupHousehold', { name: DAD!.name, idNumber: DAD!.idNumber });
    await call(MALLORY, 'lookupHousehold', { name: OTHER_FAMILY.members[0]!.name, idNumber: OTHER_FAMILY.members[0]!.idNumber });
    expect((await call(ALICE, 'registerNewborn', child('Q371000001', 'alice'))).ok).toBe(true);
    // Probing: a number Alice registered and one nobody did get the same answer.
    const known = await call(MALLORY, 'registerNewborn', child('Q371000001', 'mallory'));
    const unknown = await call(MALLORY, 'registerNewborn', child('Q379000001', 'mallory'));
    const shape = (r: any) => r.ok && JSON.stringify({ ...r.data, member: { ...r.data.member, memberId: '', idNumber: r.data.member.idNumber.replace(/\d/g, '0') } });
    attempt(ATTACK, !!shape(known) && shape(known) === shape(unknown));
    // Registered first by Mallory: Alice, the real family, still registers (the operators decide).
    await call(MALLORY, 'registerNewborn', child('Q372000001', 'mallory'));
    attempt(ATTACK, (await call(ALICE, 'registerNewborn', child('Q372000001', 'alice'))).ok === true);
    attempt(ATTACK, (await call(MALLORY, 'resolveNewbornClaim', { claimantId: known.data.member.memberId, keep: 'claimant' })).error?.code === 'NOT_OPERATOR');
    expectAllHeld(ATTACK);
  });

  it('races: ten payers for one household enrol each member once; the other payments are refundable duplicates', async () => {
    const ATTACK = 'ten payers racing for the same members';
    const payers = Array.from({ length: 10 }, (_, i) => `o-racer-${i}`);
    const orders = await Promise.all(payers.map((p) => pay(p, OTHER_FAMILY)));
    const callbacks = await Promise.all(orders.map(async (o) => system.sandbox.callbackFor(system.sandbox.pay(o.prepayId))));
    const statuses = await Promise.all(callbacks.map((c) => fetch(`${base}/api/payNotify`, { method: 'POST', headers: c.headers, body: c.body }).then((r) => r.status)));
    for (const s of statuses) attempt(ATTACK, s === 200);
    const items = await Promise.all(payers.map(async (p, i) => (await call(p, 'orderStatus', { orderNo: orders[i]!.orderNo })).data.items[0].status as string));
    attempt(ATTACK, items.filter((s) => s === 'enrolled').length === 1 && items.filter((s) => s === 'duplicate').length === 9);
    expectAllHeld(ATTACK);
  }, 120_000);

  it('malformed requests and URLs: a 4xx or a plain refusal, never a 500, never a file outside the app', async () => {
    const ATTACK = 'malformed requests, bodies and URLs';
    const bodies = ['{', '[]', 'null', '"x"', '1', '{"name":', '\u0000', '{"__proto__":{"ok":true}}', 'x'.repeat(2_000_000)];
    for (const name of ['lookupHousehold', 'quote', 'createOrder', 'registerNewborn', 'importRoster', 'requestRefund']) {
      for (const body of bodies) {
        const r = await post(`/api/${name}`, body, MALLORY, true);
        attempt(ATTACK, (r.status >= 400 && r.status < 500) || (r.status === 200 && r.json?.ok === false && /[\u4e00-\u9fa5]/.test(r.json.error.message)));
      }
    }
    for (const path of ['/%', '/%E4%B8', '/api/%00', '/api/..%2f..%2fetc%2fpasswd', '/sandbox/%ff', '/..%2f..%2fpackage.json', '/../../package.json', '/static/..%5c..%5cpackage.json']) {
      const res = await fetch(`${base}${path}`);
      // A path outside the app's folder gets the app's page (the single-page fallback), never the file.
      const text = await res.text();
      attempt(ATTACK, (res.status >= 400 && res.status < 500) || (res.status === 200 && text.includes('医保自助缴费') && !text.includes('devDependencies')));
    }
    expectAllHeld(ATTACK);
  });

  it('enumeration: wrong names lock an ID; rotating OPENIDs meets the per-region limit; no answer tells a roster ID from another', async () => {
    const LOCK = 'guessing the name of one ID number';
    const guesses = [];
    for (let i = 0; i < 8; i++) {
      const r = await call(`o-guess-${i}`, 'lookupHousehold', { name: `钱小${i}`, idNumber: MUM!.idNumber });
      guesses.push(r);
      attempt(LOCK, r.ok === false);
    }
    // Locked now even for the right name: the guesser cannot tell when they have it.
    attempt(LOCK, (await call('o-guess-right', 'lookupHousehold', { name: MUM!.name, idNumber: MUM!.idNumber })).ok === false);
    expectAllHeld(LOCK);

    const SWEEP = 'sweeping ID numbers of a region with a new OPENID each';
    const answers = new Set<string>();
    let answered = 0;
    for (let i = 0; i < 1_050; i++) {
      const id = idNumber('371703', `19${60 + Math.floor(i / 1000)}-05-05`, String(i % 1000).padStart(3, '0'));
      const r = await call(`o-sweep-${i}`, 'lookupHousehold', { name: '张三', idNumber: id });
      // A wrong name for an ID on the roster answers exactly as an ID that is not on it.
      if (i === 0) expect(r).toEqual(guesses[0]);
      answers.add(r.ok ? 'found' : r.error.code);
      if (r.ok || r.error.code !== 'BUSY') answered++;
      attempt(SWEEP, !r.ok && answered <= 1_000);
    }
    // The region's limit (1,000 failed lookups in 10 minutes) stops the sweep: BUSY for the rest.
    expect([...answers].sort()).toEqual(['BUSY', 'NOT_FOUND']);
    expectAllHeld(SWEEP);
  }, 180_000);
});
