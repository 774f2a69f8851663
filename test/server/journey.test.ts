/** A resident's whole journey through the cloud-function handlers, on the real embedded database. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconcile } from '../../src/core/use-cases/settlement';
import type { LocalFiles } from '../../src/server/local-files';
import { idNumber } from '../support/people';
import { backend, DINGTAO_FAMILY, QIXIAN_FAMILY, QIXIAN_TEKUN_SOLO, type Backend } from './harness';

/** What reconcile reports of reminders when nobody asked for one. */
const NO_REMINDERS = { sent: 0, skipped: 0, refused: 0, failed: [] };
/** Polls allow for a loaded 2-core machine (vitest's default is one second). */
const POLL = { timeout: 10_000 };

const [WANG, , , EMPLOYEE] = QIXIAN_FAMILY.members;
const ALICE = 'o-alice-openid';
const REVIEWER = 'o-refund-reviewer';
const BOB = 'o-bob-openid';

/** A relative asking for a death refund: 钱小红, the spouse. */
const DEATH_APPLICANT = { relation: 'spouse', name: '钱小红', phone: '13800000000' };
/** The first bytes of a photo (JPEG) and of a PDF, as a phone or a scanner makes them. */
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PDF = Buffer.from('%PDF-1.7\n%死亡医学证明\n');
let b: Backend;
afterEach(async () => b?.close());

async function lookup(openid: string, member = WANG!) {
  return b.call(openid, 'lookupHousehold', { name: member.name, idNumber: member.idNumber });
}

/** What an operator's browser gets from a proof's link: the file, or null once it is refused (expired, deleted). */
async function readLink(url: string): Promise<Buffer | null> {
  if (url.startsWith('/files/')) {
    const link = new URL(url, 'http://local');
    const fileID = (b.files as LocalFiles).linked(link.pathname, link.searchParams);
    const size = fileID ? await b.files.size(fileID) : null;
    return size === null ? null : Buffer.from(await b.files.read(fileID!, 0, size));
  }
  const res = await fetch(url);
  return res.ok ? Buffer.from(await res.arrayBuffer()) : null;
}

async function quoteFor(openid: string, householdId: string) {
  return b.call(openid, 'quote', { householdId });
}

/** Creates an order for the payable members, pays it in the sandbox and waits for the callback. */
async function payAll(openid: string, householdId: string, deliveriesBefore = 0) {
  const q = await quoteFor(openid, householdId);
  const memberIds = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
  const order = await b.call(openid, 'createOrder', { householdId, memberIds });
  expect(order.ok).toBe(true);
  b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
  await b.deliveries(deliveriesBefore + b.sandbox.scenario.deliveries);
  return order.data.orderNo as string;
}

describe('lookupHousehold', () => {
  beforeEach(async () => {
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY]);
  });

  it('needs the name and the ID number of the same person, and masks the household on the server', async () => {
    const found = await lookup(ALICE);
    expect(found.ok).toBe(true);
    expect(found.data.members).toHaveLength(4);
    expect(found.data.members[0]).toMatchObject({ name: '王*汉', birthYear: 1940 });
    for (const m of found.data.members) {
      expect(m.idNumber).toMatch(/^\d\*{16}[\dX]$/);
      expect(m.name).toContain('*');
    }
    expect(JSON.stringify(found)).not.toContain(WANG!.idNumber);
    expect(JSON.stringify(found)).not.toMatch(/dibao|tekun|低保|特困/);
  });

  it('answers the same for a wrong name and an unknown ID, and refuses a bad check digit', async () => {
    const wrongName = await b.call(ALICE, 'lookupHousehold', { name: '王建军', idNumber: WANG!.idNumber });
    const unknown = await b.call(ALICE, 'lookupHousehold', { name: '王建国', idNumber: idNumber('341302', '1980-03-03', '999') });
    expect(wrongName.ok).toBe(false);
    expect(unknown).toEqual(wrongName);
    const bad = await b.call(ALICE, 'lookupHousehold', { name: '王建国', idNumber: `${WANG!.idNumber.slice(0, 17)}${WANG!.idNumber.endsWith('0') ? '1' : '0'}` });
    expect(bad.ok || bad.error.code).toBe('INVALID_ID');
  });

  it('is rate-limited per OPENID, and every lookup is audited with the ID masked', async () => {
    for (let i = 0; i < 10; i++) expect((await lookup(ALICE)).ok).toBe(true);
    const eleventh = await lookup(ALICE);
    expect(eleventh.ok || eleventh.error.code).toBe('RATE_LIMITED');
    expect((await lookup(BOB)).ok).toBe(true);
    b.clock.advance(10 * 60 * 1000 + 1);
    expect((await lookup(ALICE)).ok).toBe(true);
    const audit = await b.auditLog();
    expect(audit).toHaveLength(13);
    expect(audit.map((a) => a.outcome)).toContain('rate_limited');
    for (const a of audit) expect(a.subject).not.toContain(WANG!.idNumber.slice(1, 17));
  });

  it('locks an ID number after five failed lookups, whoever asks and whether or not it is on the roster', async () => {
    const unknown = idNumber('341302', '1977-07-07', '771');
    for (let i = 0; i < 5; i++) {
      expect((await b.call(`o-guess-${i}`, 'lookupHousehold', { name: `猜${i}`, idNumber: WANG!.idNumber })).error.code).toBe('NOT_FOUND');
      expect((await b.call(`o-guess-${i}`, 'lookupHousehold', { name: `猜${i}`, idNumber: unknown })).error.code).toBe('NOT_FOUND');
    }
    // The right name no longer helps for an hour; the same answer for the number nobody holds.
    const locked = await b.call('o-guess-x', 'lookupHousehold', { name: WANG!.name, idNumber: WANG!.idNumber });
    expect(locked.error).toMatchObject({ code: 'ID_LOCKED', message: expect.stringContaining('医保窗口') });
    expect((await b.call('o-guess-x', 'lookupHousehold', { name: '谁', idNumber: unknown })).error.code).toBe('ID_LOCKED');
    // Other numbers are not affected.
    expect((await lookup(BOB, QIXIAN_FAMILY.members[1]!)).ok).toBe(true);
    b.clock.advance(60 * 60 * 1000 + 1);
    expect((await lookup(ALICE)).ok).toBe(true);
  });

  it('limits failed lookups per region and overall, whatever OPENIDs and ID numbers are used', async () => {
    // 999 failures already in 341302 (many callers, many numbers): the 1000th is still answered.
    const guesses = Array.from({ length: 999 }, (_, i) => idNumber('341302', '1970-01-01', String(i).padStart(3, '0')));
    for (let i = 0; i < guesses.length; i += 100) await Promise.all(guesses.slice(i, i + 100).map((id) => b.storage.recordLookupFailure(id, b.clock.now())));
    const guess = (n: number) => b.call(`o-rotating-${n}`, 'lookupHousehold', { name: '某某', idNumber: idNumber('341302', '1971-01-01', String(n).padStart(3, '0')) });
    expect((await guess(1)).error.code).toBe('NOT_FOUND');
    // Then the region answers "busy" for a while, even the right name from a new caller...
    const busy = await guess(2);
    expect(busy.error).toMatchObject({ code: 'BUSY', message: expect.stringContaining('医保窗口') });
    expect((await lookup('o-honest')).error.code).toBe('BUSY');
    // ...while other regions are served, and after the window the region is again.
    expect((await b.call('o-elsewhere', 'lookupHousehold', { name: '某某', idNumber: idNumber('371703', '1971-01-01', '001') })).error.code).toBe('NOT_FOUND');
    b.clock.advance(10 * 60 * 1000 + 1);
    expect((await lookup('o-honest')).ok).toBe(true);
    expect((await b.auditLog()).filter((a) => a.outcome === 'region_busy')).toHaveLength(2);

    // Overall: 3,000 failures in a minute across regions, and every lookup waits a minute.
    const regions = ['110101', '370481', '620422', '441202', '371703'];
    const spread = Array.from({ length: 3000 }, (_, i) => idNumber(regions[i % 5]!, '1972-01-01', String(i % 1000).padStart(3, '0')));
    for (let i = 0; i < spread.length; i += 200) await Promise.all(spread.slice(i, i + 200).map((id) => b.storage.recordLookupFailure(id, b.clock.now())));
    expect((await lookup('o-honest-2')).error.code).toBe('BUSY');
    b.clock.advance(60 * 1000 + 1);
    expect((await lookup('o-honest-2')).ok).toBe(true);
    expect((await b.auditLog()).filter((a) => a.outcome === 'busy')).toHaveLength(1);
  });

  it('refuses malformed events with a clear message', async () => {
    expect(await b.call(ALICE, 'lookupHousehold', { name: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_EVENT' } });
    expect(await b.call(ALICE, 'nosuch', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
    expect(await b.call('', 'quote', { householdId: 'x' })).toMatchObject({ ok: false, error: { code: 'NO_CALLER' } });
  });
});

describe('quote, order, payment, certificate', () => {
  beforeEach(async () => {
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY]);
  });

  it('quotes only for a caller who looked the household up', async () => {
    expect(await quoteFor(BOB, QIXIAN_FAMILY.householdId)).toMatchObject({ ok: false, error: { code: 'NO_ACCESS' } });
    await lookup(ALICE);
    const q = await quoteFor(ALICE, QIXIAN_FAMILY.householdId);
    expect(q.data).toMatchObject({ policy: 'qixian-2022', coverageYear: 2022, today: '2021-11-02', totalDue: '360.00' });
    expect(q.data.members.map((m: any) => [m.outcome, m.due ?? null])).toEqual([
      ['pay', '0.00'],
      ['pay', '40.00'],
      ['pay', '320.00'],
      ['ineligible', null],
    ]);
  });

  it('a region paid at the tax bureau: the amounts and the entry are shown, no order is taken here', async () => {
    b.deps.payElsewhere = { qixian: { name: '安徽税务社保缴费', appId: 'wx0123456789abcdef', path: 'pages/index/index' } };
    await lookup(ALICE);
    const q = await quoteFor(ALICE, QIXIAN_FAMILY.householdId);
    expect(q.data).toMatchObject({ totalDue: '360.00', payElsewhere: { name: '安徽税务社保缴费', appId: 'wx0123456789abcdef', path: 'pages/index/index' } });
    const memberIds = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
    const order = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    expect(order).toMatchObject({ ok: false, error: { code: 'PAY_ELSEWHERE' } });
    expect(order.error.message).toContain('安徽税务社保缴费');
    expect((await b.call(ALICE, 'myOrders', {})).data).toEqual([]);
    // Every other region still pays here.
    b.deps.payElsewhere = {};
    expect((await quoteFor(ALICE, QIXIAN_FAMILY.householdId)).data.payElsewhere).toBeNull();
  });

  it('pays the whole household once: enrolled, status paid, certificate with masked members', async () => {
    await lookup(ALICE);
    const orderNo = await payAll(ALICE, QIXIAN_FAMILY.householdId);
    const status = await b.call(ALICE, 'orderStatus', { orderNo });
    expect(status.data).toMatchObject({ status: 'paid', total: '360.00' });
    expect(status.data.items.map((i: any) => i.status)).toEqual(['enrolled', 'enrolled', 'enrolled']);
    const cert = await b.call(ALICE, 'certificate', { orderNo });
    expect(cert.data).toMatchObject({ total: '360.00', paidOn: '2021年11月2日', coverageYear: 2022 });
    expect(cert.data.members).toHaveLength(3);
    expect(JSON.stringify(cert.data)).not.toContain(WANG!.idNumber);
    // Paid members are now enrolled: the next quote has nothing left to pay.
    const again = await quoteFor(ALICE, QIXIAN_FAMILY.householdId);
    expect(again.data.totalDue).toBe('0.00');
    expect(again.data.members.filter((m: any) => m.outcome === 'enrolled')).toHaveLength(3);
  });

  it('an order stays readable after an operator moves a paid member to another household', async () => {
    await lookup(ALICE);
    const orderNo = await payAll(ALICE, QIXIAN_FAMILY.householdId);
    const moving = QIXIAN_FAMILY.members[1]!;
    await b.addOperator('o-op');
    const csv = `户编号,地区,村社区,姓名,证件号码\nQX-0777,qixian,邱元村,${moving.name},${moving.idNumber}\n`;
    expect((await b.call('o-op', 'importRoster', { kind: 'roster', csv })).data).toMatchObject({ imported: 1 });
    const cert = await b.call(ALICE, 'certificate', { orderNo });
    expect(cert.ok).toBe(true);
    expect(cert.data.members.map((m: any) => m.name)).toContain('李*英');
    const status = await b.call(ALICE, 'orderStatus', { orderNo });
    expect(status.data.items.find((i: any) => i.memberId === 'QX-0001-2').name).toBe('李*英');
  });

  it('recomputes amounts on the server and enforces the whole-household rule (qixian §十一(三))', async () => {
    await lookup(ALICE);
    const q = await quoteFor(ALICE, QIXIAN_FAMILY.householdId);
    const one = q.data.members.find((m: any) => m.due === '320.00').memberId;
    const partial = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds: [one], total: '0.01' });
    expect(partial).toMatchObject({ ok: false, error: { code: 'WHOLE_HOUSEHOLD' } });
    expect(partial.error.message).toContain('qixian-2022 §十一(三)');
    const employee = q.data.members.find((m: any) => m.outcome === 'ineligible').memberId;
    expect(await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds: [employee] })).toMatchObject({ ok: false, error: { code: 'NOT_PAYABLE' } });
    expect(await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds: ['DT-0001-1'] })).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
  });

  it('a second tap, or coming back to pay, reuses the open order for the same members: one order, one payment', async () => {
    await lookup(ALICE);
    const q = await quoteFor(ALICE, QIXIAN_FAMILY.householdId);
    const memberIds = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
    const first = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    const again = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds: [...memberIds].reverse() });
    // The same order and WeChat Pay's same prepay_id (the cashier's signature is made afresh).
    expect(again.data).toMatchObject({ orderNo: first.data.orderNo, total: first.data.total, payParams: { package: first.data.payParams.package } });
    // Another payer for the same members gets an order of their own (settlement decides who enrols).
    await lookup(BOB);
    const bob = await b.call(BOB, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    expect(bob.data.orderNo).not.toBe(first.data.orderNo);
    expect((await b.call(ALICE, 'myOrders', {})).data).toHaveLength(1);
    // The bank declined it at WeChat Pay: that order is done there, so the next tap is a new order.
    b.sandbox.pay(first.data.payParams.package.replace('prepay_id=', ''), 'fail');
    const afterDecline = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    expect(afterDecline.data.orderNo).not.toBe(first.data.orderNo);
    // …and the declined one is closed on the way (WeChat Pay first), not left as unpaid in the records.
    expect((await b.call(ALICE, 'orderStatus', { orderNo: first.data.orderNo })).data.status).toBe('closed');
    expect(b.sandbox.payment(first.data.orderNo)!.state).toBe('CLOSED');
    // Paid at WeChat Pay but not yet announced: coming back settles it instead of charging again.
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    b.sandbox.pay(afterDecline.data.payParams.package.replace('prepay_id=', ''));
    const back = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    expect(back.data).toMatchObject({ orderNo: afterDecline.data.orderNo, status: 'paid', payParams: null });
    expect((await b.call(ALICE, 'orderStatus', { orderNo: afterDecline.data.orderNo })).data.status).toBe('paid');
  });

  it('an open order near its expiry is not offered again: a new one has the full time to pay', async () => {
    await lookup(ALICE);
    const q = await quoteFor(ALICE, QIXIAN_FAMILY.householdId);
    const memberIds = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
    const first = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    b.clock.advance(2 * 60 * 60 * 1000 - 5 * 60 * 1000);
    const later = await b.call(ALICE, 'createOrder', { householdId: QIXIAN_FAMILY.householdId, memberIds });
    expect(later.data.orderNo).not.toBe(first.data.orderNo);
  });

  it('a fully subsidised selection is enrolled at once, without a payment', async () => {
    await b.close();
    b = await backend('2021-11-02T10:00:00', [QIXIAN_TEKUN_SOLO]);
    const elder = QIXIAN_TEKUN_SOLO.members[0]!;
    await b.call(ALICE, 'lookupHousehold', { name: elder.name, idNumber: elder.idNumber });
    const q = await quoteFor(ALICE, 'QX-0002');
    const order = await b.call(ALICE, 'createOrder', { householdId: 'QX-0002', memberIds: [q.data.members[0].memberId] });
    expect(order.data).toMatchObject({ status: 'paid', total: '0.00', payParams: null });
    expect((await b.call(ALICE, 'certificate', { orderNo: order.data.orderNo })).data.total).toBe('0.00');
  });

  it('another OPENID cannot read an order, its certificate or its refunds', async () => {
    await lookup(ALICE);
    const orderNo = await payAll(ALICE, QIXIAN_FAMILY.householdId);
    for (const [name, event] of [
      ['orderStatus', { orderNo }],
      ['certificate', { orderNo }],
      ['refundCheck', { orderNo, memberId: 'QX-0001-1', reason: 'duplicate' }],
      ['requestRefund', { orderNo, memberId: 'QX-0001-1', reason: 'duplicate' }],
    ] as const) {
      expect(await b.call(BOB, name, event)).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
    }
    expect((await b.call(BOB, 'myOrders', {})).data).toEqual([]);
    expect((await b.call(ALICE, 'myOrders', {})).data).toHaveLength(1);
  });
});

describe('payment-result callbacks', () => {
  beforeEach(async () => {
    b = await backend('2023-10-10T09:30:00', [DINGTAO_FAMILY]);
    await b.call(ALICE, 'lookupHousehold', { name: DINGTAO_FAMILY.members[0]!.name, idNumber: DINGTAO_FAMILY.members[0]!.idNumber });
  });

  it('a repeated callback enrols each member once and is acknowledged each time', async () => {
    b.sandbox.scenario = { deliveries: 3, delayMs: 0 };
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    expect(b.delivered.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(await b.enrolments()).toHaveLength(2);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.status).toBe('paid');
  });

  it('a forged or tampered callback is refused and changes nothing', async () => {
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    const genuine = await b.sandbox.callbackFor(b.sandbox.payment(orderNo)!);
    // One character of the ciphertext changed (to another: a ciphertext starting with A would stay genuine).
    const tampered = { ...genuine, body: genuine.body.replace(/"ciphertext":"./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A')) };
    const resigned = { headers: { ...genuine.headers, 'Wechatpay-Signature': Buffer.from('x'.repeat(256)).toString('base64') }, body: genuine.body };
    const unsigned = { headers: {}, body: genuine.body };
    const stale = { ...genuine, headers: { ...genuine.headers, 'Wechatpay-Timestamp': String(Math.floor(b.clock.now() / 1000) - 3600) } };
    for (const forged of [tampered, resigned, unsigned, stale]) expect((await b.notify(forged)).status).toBe(401);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.status).toBe('created');
    expect((await b.notify(genuine)).status).toBe(200);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.status).toBe('paid');
  });

  it('a signed notice whose amount differs from the order is refused', async () => {
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    const payment = b.sandbox.payment(orderNo)!;
    const wrong = await b.sandbox.callbackFor({ ...payment, amount: 1 });
    expect((await b.notify(wrong)).status).toBe(400);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.status).toBe('created');
  });

  it('a lost callback (crash between payment and enrolment) is recovered by reconcile; a late one then changes nothing', async () => {
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.status).toBe('created');
    expect(await reconcile(b.deps)).toMatchObject({ checked: 0 });
    b.clock.advance(2 * 60 * 1000);
    expect(await reconcile(b.deps)).toEqual({ checked: 1, paid: 1, closed: 0, failed: [], leftForNextRun: 0, duplicates: { refunded: 0, failed: [] }, refunds: { checked: 0, settled: 0, failed: [] }, reminders: NO_REMINDERS });
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.items.map((i: any) => i.status)).toEqual(['enrolled', 'enrolled']);
    const late = await b.sandbox.callbackFor(b.sandbox.payment(orderNo)!);
    expect((await b.notify(late)).status).toBe(200);
    expect(await b.enrolments()).toHaveLength(2);
  });

  it('a settlement cut short after enrolling, before the paid mark, is finished by the repeated notice: same members, counted once', async () => {
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    const callback = await b.sandbox.callbackFor(b.sandbox.payment(orderNo)!);
    vi.spyOn(b.storage, 'markOrdersPaid').mockRejectedValueOnce(new Error('function timed out'));
    // Not acknowledged: WeChat Pay sends the notice again.
    expect((await b.notify(callback)).status).not.toBe(200);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.status).toBe('created');
    expect(await b.enrolments()).toHaveLength(2);
    expect((await b.notify(callback)).status).toBe(200);
    const order = (await b.call(ALICE, 'orderStatus', { orderNo })).data;
    expect([order.status, ...order.items.map((i: any) => i.status)]).toEqual(['paid', 'enrolled', 'enrolled']);
    expect((await b.enrolments()).map((e) => e.orderNo)).toEqual([orderNo, orderNo]);
    expect((await b.auditLog()).filter((e) => e.action === 'payNotify').map((e) => e.outcome)).toEqual(['paid, 2 enrolled, 0 duplicate']);
    expect((await b.storage.unitCounts('dingtao-2024')).reduce((n, u) => n + u.enrolled, 0)).toBe(2);
  });

  it('reconcile handles each order on its own: a failing query is reported and retried next run, the others settle', async () => {
    await b.call(BOB, 'lookupHousehold', { name: DINGTAO_FAMILY.members[1]!.name, idNumber: DINGTAO_FAMILY.members[1]!.idNumber });
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const q = await quoteFor(ALICE, DINGTAO_FAMILY.householdId);
    const [first, second] = q.data.members.map((m: any) => m.memberId as string);
    const a = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [first] });
    const c = await b.call(BOB, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [second] });
    for (const o of [a, c]) b.sandbox.pay(o.data.payParams.package.replace('prepay_id=', ''));
    b.clock.advance(2 * 60 * 1000);
    const query = b.deps.gateway.queryPayment.bind(b.deps.gateway);
    const spy = vi.spyOn(b.deps.gateway, 'queryPayment').mockImplementation(async (orderNo) => {
      if (orderNo === a.data.orderNo) throw new Error('connect ETIMEDOUT');
      return query(orderNo);
    });
    expect(await reconcile(b.deps)).toEqual({ checked: 2, paid: 1, closed: 0, failed: [{ orderNo: a.data.orderNo, message: 'connect ETIMEDOUT' }], leftForNextRun: 0, duplicates: { refunded: 0, failed: [] }, refunds: { checked: 0, settled: 0, failed: [] }, reminders: NO_REMINDERS });
    spy.mockRestore();
    expect(await reconcile(b.deps)).toEqual({ checked: 1, paid: 1, closed: 0, failed: [], leftForNextRun: 0, duplicates: { refunded: 0, failed: [] }, refunds: { checked: 0, settled: 0, failed: [] }, reminders: NO_REMINDERS });
    expect(await b.enrolments()).toHaveLength(2);
  });

  it('reconcile near its timeout starts no new order; the next run continues with the rest', async () => {
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const q = await quoteFor(ALICE, DINGTAO_FAMILY.householdId);
    // Two payers, one member each: two open orders, both paid, no callback delivered.
    await b.call(BOB, 'lookupHousehold', { name: DINGTAO_FAMILY.members[1]!.name, idNumber: DINGTAO_FAMILY.members[1]!.idNumber });
    for (const [openid, m] of [[ALICE, q.data.members[0]], [BOB, q.data.members[1]]] as const) {
      const o = await b.call(openid, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [m.memberId] });
      b.sandbox.pay(o.data.payParams.package.replace('prepay_id=', ''));
    }
    b.clock.advance(2 * 60 * 1000);
    // Time for one order only: no worker starts another once the reserve is reached.
    let asked = 0;
    const short = await reconcile(b.deps, undefined, () => (asked++ === 0 ? 60_000 : 1_000));
    expect(short).toMatchObject({ checked: 1, paid: 1, leftForNextRun: 1, refunds: { checked: 0 } });
    expect(await reconcile(b.deps)).toMatchObject({ checked: 1, paid: 1, leftForNextRun: 0 });
    expect(await b.enrolments()).toHaveLength(2);
  });

  it('an order never paid is closed after two hours', async () => {
    const q = await quoteFor(ALICE, DINGTAO_FAMILY.householdId);
    const order = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [q.data.members[0].memberId] });
    b.clock.advance(2 * 60 * 60 * 1000 + 1);
    expect(await reconcile(b.deps)).toEqual({ checked: 1, paid: 0, closed: 1, failed: [], leftForNextRun: 0, duplicates: { refunded: 0, failed: [] }, refunds: { checked: 0, settled: 0, failed: [] }, reminders: NO_REMINDERS });
    expect((await b.call(ALICE, 'orderStatus', { orderNo: order.data.orderNo })).data.status).toBe('closed');
    // Closed at WeChat Pay first (time_expire was sent too): the cashier no longer takes it.
    expect(b.sandbox.payment(order.data.orderNo)!.state).toBe('CLOSED');
    expect(b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', '')).state).toBe('CLOSED');
  });

  it('callbacks arriving together are settled together, each as if it came alone', async () => {
    await b.call(BOB, 'lookupHousehold', { name: DINGTAO_FAMILY.members[1]!.name, idNumber: DINGTAO_FAMILY.members[1]!.idNumber });
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const q = await quoteFor(ALICE, DINGTAO_FAMILY.householdId);
    const [first, second] = q.data.members.map((m: any) => m.memberId as string);
    const a = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [first] });
    const c = await b.call(BOB, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [first] });
    const d = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [second] });
    for (const o of [a, c, d]) b.sandbox.pay(o.data.payParams.package.replace('prepay_id=', ''));
    const [pa, pc, pd] = [a, c, d].map((o) => b.sandbox.payment(o.data.orderNo)!);
    // A wrong amount before a's genuine callback, c racing a for the same member, d twice.
    const callbacks = await Promise.all([b.sandbox.callbackFor({ ...pa!, amount: 1 }), ...[pa!, pc!, pd!, pd!].map((p) => b.sandbox.callbackFor(p))]);
    const claims = vi.spyOn(b.storage, 'claimEnrolments');
    const answers = await Promise.all(callbacks.map((cb) => b.notify(cb)));
    expect(answers.map((r) => r.status)).toEqual([400, 200, 200, 200, 200]);
    const status = async (openid: string, o: any) => (await b.call(openid, 'orderStatus', { orderNo: o.data.orderNo })).data.items[0].status;
    const audit = (await b.auditLog()).filter((e) => e.action === 'payNotify').map((e) => e.outcome);
    expect(await status(ALICE, d)).toBe('enrolled');
    if (b.kind === 'pglite') {
      // The local server settles them together (one write per table), in arrival order: a before c.
      expect(claims).toHaveBeenCalledTimes(1);
      expect([await status(ALICE, a), await status(BOB, c)]).toEqual(['enrolled', 'duplicate']);
      expect(audit).toEqual(['amount mismatch 0.01', 'paid, 1 enrolled, 0 duplicate', 'paid, 0 enrolled, 1 duplicate', 'paid, 1 enrolled, 0 duplicate']);
    } else {
      // On CloudBase each callback is its own function call: a or c wins the member, never both.
      expect([await status(ALICE, a), await status(BOB, c)].sort()).toEqual(['duplicate', 'enrolled']);
      expect(audit.sort()).toEqual(['amount mismatch 0.01', 'paid, 0 enrolled, 1 duplicate', 'paid, 1 enrolled, 0 duplicate', 'paid, 1 enrolled, 0 duplicate']);
    }
    const winner = (await status(ALICE, a)) === 'enrolled' ? a : c;
    expect((await b.enrolments()).map((e) => [e.personId, e.orderNo]).sort()).toEqual([[first, winner.data.orderNo], [second, d.data.orderNo]].sort());
  });

  it('two payers racing for one member: one enrolment, the other payment refundable as a duplicate', async () => {
    await b.call(BOB, 'lookupHousehold', { name: DINGTAO_FAMILY.members[1]!.name, idNumber: DINGTAO_FAMILY.members[1]!.idNumber });
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    const q = await quoteFor(ALICE, DINGTAO_FAMILY.householdId);
    const target = q.data.members[0].memberId;
    const a = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [target] });
    const c = await b.call(BOB, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [target] });
    for (const o of [a, c]) b.sandbox.pay(o.data.payParams.package.replace('prepay_id=', ''));
    const callbacks = await Promise.all([a, c].map((o) => b.sandbox.callbackFor(b.sandbox.payment(o.data.orderNo)!)));
    const answers = await Promise.all(callbacks.map((cb) => b.notify(cb)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(await b.enrolments()).toHaveLength(1);
    const statuses = await Promise.all([
      b.call(ALICE, 'orderStatus', { orderNo: a.data.orderNo }),
      b.call(BOB, 'orderStatus', { orderNo: c.data.orderNo }),
    ]);
    const items = statuses.map((s) => s.data.items[0].status).sort();
    expect(items).toEqual(['duplicate', 'enrolled']);
    const [loserOpenid, loserOrder] = statuses[0]!.data.items[0].status === 'duplicate' ? [ALICE, a.data.orderNo] : [BOB, c.data.orderNo];
    const check = await b.call(loserOpenid, 'refundCheck', { orderNo: loserOrder, memberId: target, reason: 'duplicate' });
    expect(check.data).toMatchObject({ eligible: true, amount: '380.00' });
    const refund = await b.call(loserOpenid, 'requestRefund', { orderNo: loserOrder, memberId: target, reason: 'duplicate' });
    // Detected by the system: no review. Accepted (PROCESSING); the sandbox's result notice may already have come back by the answer.
    expect(refund.data).toMatchObject({ status: expect.stringMatching(/^(processing|succeeded)$/), amount: '380.00' });
    await b.refundNoticesDelivered(1);
    expect(b.sandbox.payment(loserOrder)!.refunded).toBe(38000);
    expect((await b.call(loserOpenid, 'orderStatus', { orderNo: loserOrder })).data.items[0].status).toBe('refunded');
    expect((await b.enrolments()).filter((e) => e.status === 'enrolled')).toHaveLength(1);
  });

  it('a duplicate payment nobody asks back is sent back by reconcile, on the payer\u2019s behalf, once', async () => {
    await b.call(BOB, 'lookupHousehold', { name: DINGTAO_FAMILY.members[1]!.name, idNumber: DINGTAO_FAMILY.members[1]!.idNumber });
    const target = (await quoteFor(ALICE, DINGTAO_FAMILY.householdId)).data.members[0].memberId;
    const a = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [target] });
    const c = await b.call(BOB, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [target] });
    b.sandbox.scenario = { deliveries: 0, delayMs: 0 };
    for (const o of [a, c]) b.sandbox.pay(o.data.payParams.package.replace('prepay_id=', ''));
    for (const o of [a, c]) expect((await b.notify(await b.sandbox.callbackFor(b.sandbox.payment(o.data.orderNo)!))).status).toBe(200);
    b.sandbox.refundScenario = { answer: 'SUCCESS', then: null, notices: 0 };
    b.clock.advance(2 * 60 * 1000);
    expect((await reconcile(b.deps)).duplicates).toEqual({ refunded: 1, failed: [] });
    const loser = [a, c].find((o) => b.sandbox.payment(o.data.orderNo)!.refunded > 0)!;
    expect(b.sandbox.payment(loser.data.orderNo)!.refunded).toBe(38000);
    // Once: the next run finds nothing left to send back.
    expect((await reconcile(b.deps)).duplicates).toEqual({ refunded: 0, failed: [] });
    expect((await b.enrolments()).filter((e) => e.status === 'enrolled')).toHaveLength(1);
  });
});

describe('refunds of an enrolment', () => {
  beforeEach(async () => {
    b = await backend('2023-10-10T09:30:00', [DINGTAO_FAMILY]);
    await b.call(ALICE, 'lookupHousehold', { name: DINGTAO_FAMILY.members[0]!.name, idNumber: DINGTAO_FAMILY.members[0]!.idNumber });
    await b.addOperator(REVIEWER);
  });

  /** The resident's request waits for review; an operator approves it, and only then is money sent. */
  async function requestApproved(orderNo: string, memberId = 'DT-0001-1') {
    const asked = await b.call(ALICE, 'requestRefund', { orderNo, memberId, reason: 'joined_employee' });
    expect(asked.data).toMatchObject({ status: 'review', statusText: expect.stringContaining('等待医保经办机构审核') });
    expect(b.sandbox.payment(orderNo)!.refunded).toBe(0);
    const approved = await b.call(REVIEWER, 'reviewRefund', { refundNo: asked.data.refundNo, approve: true });
    expect(approved.ok).toBe(true);
    return { data: { ...asked.data, ...approved.data } };
  }

  it('a request waits for review: an operator rejects it with a reason and the member stays enrolled', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    // A death refund is asked by a relative, who says who they are and how to be reached.
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death' })).error.code).toBe('APPLICANT_REQUIRED');
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: { relation: 'self', name: '赵大海', phone: '13800000000' } })).error.code).toBe('APPLICANT_REQUIRED');
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: { relation: 'spouse', name: '钱小红', phone: '12345' } })).error.code).toBe('INVALID_EVENT');
    // …with a proof the bureau can look at: a photo or a PDF by its own bytes, not its name.
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: DEATH_APPLICANT })).error).toMatchObject({ code: 'PROOF_REQUIRED', message: expect.stringContaining('死亡医学证明') });
    const notAPhoto = await b.uploadProof(Buffer.from('MZ\x90\x00 not a photo'));
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: DEATH_APPLICANT, proof: notAPhoto })).error.code).toBe('NOT_A_PROOF');
    expect(await b.files.size(notAPhoto)).toBeNull();
    const roster = await b.upload('户编号,姓名\n');
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: DEATH_APPLICANT, proof: roster })).error.code).toBe('PROOF_NOT_FOUND');
    expect(await b.files.size(roster)).not.toBeNull();
    const proof = await b.uploadProof(PDF);
    const asked = await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: DEATH_APPLICANT, proof });
    expect(asked.data.status).toBe('review');
    expect((await b.call(ALICE, 'reviewRefund', { refundNo: asked.data.refundNo, approve: true })).error.code).toBe('NOT_OPERATOR');
    const queue = await b.call(REVIEWER, 'refundsToAttend', {});
    expect(queue.data).toEqual([expect.objectContaining({ refundNo: asked.data.refundNo, reason: '参保人死亡', status: 'review', amount: '380.00', applicant: '配偶 钱*红 13800000000', proof: { url: expect.any(String), type: 'pdf' } })]);
    expect(await readLink(queue.data[0].proof.url)).toEqual(PDF);
    expect((await b.call(REVIEWER, 'reviewRefund', { refundNo: asked.data.refundNo, approve: false })).error.code).toBe('NOTE_REQUIRED');
    const rejected = await b.call(REVIEWER, 'reviewRefund', { refundNo: asked.data.refundNo, approve: false, note: '未提供死亡证明' });
    expect(rejected.data).toMatchObject({ status: 'rejected', statusText: expect.stringContaining('未提供死亡证明') });
    // Decided: the proof is not kept.
    expect(await b.files.size(proof)).toBeNull();
    expect((await b.call(REVIEWER, 'reviewRefund', { refundNo: asked.data.refundNo, approve: true })).error.code).toBe('NOT_IN_REVIEW');
    expect(b.sandbox.payment(orderNo)!.refunded).toBe(0);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.items.find((i: any) => i.memberId === 'DT-0001-1').status).toBe('enrolled');
    expect((await b.enrolments()).find((e) => e.personId === 'DT-0001-1')!.status).toBe('enrolled');
    expect((await b.call(REVIEWER, 'refundsToAttend', {})).data).toEqual([]);
    // Rejected is not the end: the family may ask again, with another proof; approved, it is deleted too.
    const again = await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'death', applicant: DEATH_APPLICANT, proof: await b.uploadProof(PHOTO) });
    expect(again.data.status).toBe('review');
    const [asking] = (await b.call(REVIEWER, 'refundsToAttend', {})).data;
    expect(asking.proof.type).toBe('jpg');
    await b.call(REVIEWER, 'reviewRefund', { refundNo: again.data.refundNo, approve: true });
    expect(await readLink(asking.proof.url)).toBeNull();
  });

  it('参军入伍: no notice nor the national 经办规程 gives a refund for it, so the answer is the counter, never a made-up yes or no', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    const check = await b.call(ALICE, 'refundCheck', { orderNo, memberId: 'DT-0001-1', reason: 'enlisted' });
    expect(check.data).toMatchObject({ eligible: false, amount: '0.00' });
    expect(check.data.reason).toContain('参军入伍的退费本地通知和国家经办规程均未规定，不能在线办理，请到镇（街道）医疗保障窗口（电话定陶区医疗保障局 2223639、2750001）咨询');
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'enlisted' })).error.code).toBe('NOT_REFUNDABLE');
  });

  it('before the benefit year: refundable for joining employee insurance; processing until WeChat Pay says the money is back; then payable again', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    const memberId = 'DT-0001-1';
    const check = await b.call(ALICE, 'refundCheck', { orderNo, memberId, reason: 'joined_employee' });
    expect(check.data).toMatchObject({ eligible: true, amount: '380.00', productDefault: true, notice: { id: 'dingtao-2024', coverageYear: 2024 } });
    b.sandbox.refundScenario = { answer: 'PROCESSING', then: null, notices: 1 };
    const asked = await requestApproved(orderNo, memberId);
    // Accepted is not success: nothing is marked refunded before the money has gone back.
    expect(asked.data).toMatchObject({ status: 'processing', statusText: expect.stringContaining('处理中') });
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.items.find((i: any) => i.memberId === memberId).status).toBe('refund_requested');
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId, reason: 'joined_employee' })).error.code).toBe('ALREADY_REQUESTED');
    await b.sandbox.finishRefund(`${asked.data.refundNo}-1`, 'SUCCESS');
    expect(b.refundNotices).toEqual([200]);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.items.find((i: any) => i.memberId === memberId).status).toBe('refunded');
    expect((await b.enrolments()).find((e) => e.personId === memberId)!.status).toBe('refunded');
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId, reason: 'joined_employee' })).error.code).toBe('ALREADY_REFUNDED');
    // A repeated notice changes nothing.
    const again = await b.sandbox.refundNoticeFor(b.sandbox.refund(`${asked.data.refundNo}-1`)!);
    expect((await b.notifyRefund(again)).status).toBe(200);
    // Refunded, the member may enrol online again: the quote says pay, and paying enrols.
    const q = await quoteFor(ALICE, DINGTAO_FAMILY.householdId);
    expect(q.data.members.find((m: any) => m.memberId === memberId).outcome).toBe('pay');
    const order = await b.call(ALICE, 'createOrder', { householdId: DINGTAO_FAMILY.householdId, memberIds: [memberId] });
    const before = b.delivered.length;
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(before + 1);
    expect((await b.call(ALICE, 'orderStatus', { orderNo: order.data.orderNo })).data.items[0].status).toBe('enrolled');
    expect((await b.enrolments()).find((e) => e.personId === memberId)).toMatchObject({ status: 'enrolled', orderNo: order.data.orderNo });
  });

  it('a lost refund notice is recovered by reconcile asking WeChat Pay', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    b.sandbox.refundScenario = { answer: 'PROCESSING', then: 'SUCCESS', notices: 0 };
    const asked = await requestApproved(orderNo);
    expect(asked.data.status).toBe('processing');
    await expect.poll(() => b.sandbox.refund(`${asked.data.refundNo}-1`)!.state, POLL).toBe('SUCCESS');
    b.clock.advance(2 * 60 * 1000);
    expect((await reconcile(b.deps)).refunds).toEqual({ checked: 1, settled: 1, failed: [] });
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.items.find((i: any) => i.memberId === 'DT-0001-1').status).toBe('refunded');
  });

  it('a refund whose request never got an answer is sent again by reconcile, under the same out_refund_no', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    const refund = b.deps.gateway.refund.bind(b.deps.gateway);
    const spy = vi.spyOn(b.deps.gateway, 'refund').mockRejectedValueOnce(new Error('socket hang up'));
    const asked = await requestApproved(orderNo);
    expect(asked.data).toMatchObject({ status: 'requested' });
    spy.mockImplementation(refund);
    b.sandbox.refundScenario = { answer: 'SUCCESS', then: null, notices: 0 };
    b.clock.advance(2 * 60 * 1000);
    expect((await reconcile(b.deps)).refunds).toMatchObject({ checked: 1, settled: 1 });
    expect(spy.mock.calls.map((c) => c[0].outRefundNo)).toEqual([`${asked.data.refundNo}-1`, `${asked.data.refundNo}-1`]);
    expect(b.sandbox.payment(orderNo)!.refunded).toBe(38000);
  });

  it('a refund WeChat Pay closes is shown as failed, and asking again sends a new attempt that succeeds once', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    b.sandbox.refundScenario = { answer: 'PROCESSING', then: 'CLOSED', notices: 1 };
    const asked = await requestApproved(orderNo);
    await b.refundNoticesDelivered(1);
    expect((await b.deps.storage.refund(asked.data.refundNo))).toMatchObject({ status: 'failed', failure: '退款已关闭', attempt: 1 });
    b.sandbox.refundScenario = { answer: 'PROCESSING', then: 'SUCCESS', notices: 1 };
    const retried = await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-1', reason: 'joined_employee' });
    expect(retried.data).toMatchObject({ refundNo: asked.data.refundNo, status: expect.stringMatching(/^(processing|succeeded)$/) });
    await b.refundNoticesDelivered(2);
    expect((await b.deps.storage.refund(asked.data.refundNo))).toMatchObject({ status: 'succeeded', attempt: 2, failure: null });
    expect(b.sandbox.payment(orderNo)!.refunded).toBe(38000);
  });

  it('operators see failed refunds with the reason, and may try again on the resident\u2019s behalf', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    b.sandbox.refundScenario = { answer: 'PROCESSING', then: 'ABNORMAL', notices: 1 };
    const asked = await requestApproved(orderNo);
    await b.refundNoticesDelivered(1);
    expect((await b.call(ALICE, 'refundsToAttend', {})).error.code).toBe('NOT_OPERATOR');
    const seen = await b.call(REVIEWER, 'refundsToAttend', {});
    expect(seen.data).toEqual([expect.objectContaining({ refundNo: asked.data.refundNo, memberName: '赵*海', amount: '380.00', status: 'failed', failure: expect.stringContaining('异常'), attempt: 1 })]);
    b.sandbox.refundScenario = { answer: 'SUCCESS', then: null, notices: 0 };
    expect((await b.call(REVIEWER, 'retryRefund', { refundNo: asked.data.refundNo })).data).toMatchObject({ status: 'succeeded' });
    expect((await b.call(REVIEWER, 'retryRefund', { refundNo: asked.data.refundNo })).error.code).toBe('NOT_FAILED');
    expect((await b.call(REVIEWER, 'refundsToAttend', {})).data).toEqual([]);
    expect(b.sandbox.payment(orderNo)!.refunded).toBe(38000);
    expect((await b.call(ALICE, 'orderStatus', { orderNo })).data.items.find((i: any) => i.memberId === 'DT-0001-1').status).toBe('refunded');
  });

  it('a forged refund notice is refused and changes nothing', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    b.sandbox.refundScenario = { answer: 'PROCESSING', then: null, notices: 0 };
    const asked = await requestApproved(orderNo);
    const genuine = await b.sandbox.refundNoticeFor({ ...b.sandbox.refund(`${asked.data.refundNo}-1`)!, state: 'SUCCESS' });
    const forged = { headers: { ...genuine.headers, 'Wechatpay-Signature': Buffer.from('x'.repeat(256)).toString('base64') }, body: genuine.body };
    expect((await b.notifyRefund(forged)).status).toBe(401);
    expect((await b.deps.storage.refund(asked.data.refundNo))!.status).toBe('processing');
  });

  it('once the benefit year has started: not refundable, and nothing changes', async () => {
    const orderNo = await payAll(ALICE, DINGTAO_FAMILY.householdId);
    b.clock.setShanghai('2024-01-01T08:00:00');
    const check = await b.call(ALICE, 'refundCheck', { orderNo, memberId: 'DT-0001-2', reason: 'duplicate' });
    expect(check.data).toMatchObject({ eligible: false, amount: '0.00' });
    expect((await b.call(ALICE, 'requestRefund', { orderNo, memberId: 'DT-0001-2', reason: 'duplicate' })).error.code).toBe('NOT_REFUNDABLE');
  });
});

describe('privacy in logs', () => {
  it('no full ID number reaches the console, even on errors', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void lines.push(args.join(' '))));
    b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY]);
    await lookup(ALICE);
    await b.call(ALICE, 'lookupHousehold', { name: 'x', idNumber: EMPLOYEE!.idNumber });
    await payAll(ALICE, QIXIAN_FAMILY.householdId);
    spies.forEach((s) => s.mockRestore());
    for (const m of QIXIAN_FAMILY.members) expect(lines.join('\n')).not.toContain(m.idNumber);
  });
});
