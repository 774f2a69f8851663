/**
 * The production storage adapter (CloudBase's document database) under the real handlers, on a
 * stand-in for the database: the same journey the local mode passes — lookup, quote, pay, a
 * repeated callback, a duplicate payment, certificate, refund, voucher, newborn — must pass here.
 * It checks the adapter's own logic (document ids, patches, pagination), not CloudBase itself.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { functionReplies } from '../../src/contracts/replies';
import type { Deps } from '../../src/core/use-cases/deps';
import { CloudbaseStorage } from '../../src/server/cloudbase/storage';
import { handle, handlePayNotify } from '../../src/server/functions';
import { newId } from '../../src/server/local-deps';
import { LocalFiles } from '../../src/server/local-files';
import { seedHouseholds } from '../../src/server/seed';
import { SandboxVoucherPlatform } from '../../src/server/voucher-sandbox';
import { WechatPayGateway } from '../../src/server/wechat-pay/gateway';
import { SandboxPayPlatform, type Callback } from '../../src/server/wechat-pay/sandbox';
import { FakeCloudbaseDb } from './fake-cloudbase-db';
import { QIXIAN_FAMILY, TestClock } from './harness';
import { idNumber } from '../support/people';

let db: FakeCloudbaseDb;
let deps: Deps;
let sandbox: SandboxPayPlatform;
let callbacks: Callback[];
let delivered: () => void = () => {};

beforeEach(async () => {
  db = new FakeCloudbaseDb();
  callbacks = [];
  const clock = new TestClock(0);
  clock.setShanghai('2021-11-02T10:00:00');
  sandbox = new SandboxPayPlatform(async (cb) => (callbacks.push(cb), delivered(), true), () => clock.now());
  const gateway = new WechatPayGateway(sandbox.merchantConfig('https://example.invalid/payNotify'), sandbox, () => Math.floor(clock.now() / 1000));
  const vouchers = new SandboxVoucherPlatform(async () => true, () => clock.now());
  deps = { storage: new CloudbaseStorage(db as never), gateway, vouchers, clock, files: new LocalFiles(join(tmpdir(), 'yibao-uploads')), newId };
  await seedHouseholds(deps.storage, [QIXIAN_FAMILY]);
});

async function call(openid: string, name: string, event: unknown): Promise<any> {
  const envelope = await handle(name, event, { openid }, deps);
  if (envelope.ok) functionReplies[name as keyof typeof functionReplies].parse(envelope.data);
  return envelope;
}

/** Pays an order in the sandbox and delivers its callback, as WeChat would. */
async function pay(order: any) {
  const sent = new Promise<void>((r) => (delivered = r));
  sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
  await sent;
  const cb = callbacks.at(-1)!;
  return handlePayNotify(cb.headers, cb.body, deps);
}

describe('CloudbaseStorage under the handlers', () => {
  it('lookup, quote, pay (a repeated callback changes nothing), certificate, refund', async () => {
    const me = QIXIAN_FAMILY.members[0]!;
    expect((await call('o', 'lookupHousehold', { name: me.name, idNumber: me.idNumber })).data.members).toHaveLength(4);
    const q = await call('o', 'quote', { householdId: 'QX-0001' });
    expect(q.data.totalDue).toBe('360.00');
    const ids = q.data.members.filter((m: any) => m.outcome === 'pay').map((m: any) => m.memberId);
    const order = await call('o', 'createOrder', { householdId: 'QX-0001', memberIds: ids });
    expect((await pay(order)).status).toBe(200);
    expect((await handlePayNotify(callbacks[0]!.headers, callbacks[0]!.body, deps)).status).toBe(200);

    const status = await call('o', 'orderStatus', { orderNo: order.data.orderNo });
    // Every item settled in one transaction keeps its own status.
    expect(status.data.items.map((i: any) => i.status)).toEqual(['enrolled', 'enrolled', 'enrolled']);
    expect(db.collections.get('enrolments')!.size).toBe(3);
    expect((await call('o', 'certificate', { orderNo: order.data.orderNo })).data.total).toBe('360.00');
    expect((await call('someone-else', 'orderStatus', { orderNo: order.data.orderNo })).error.code).toBe('ORDER_NOT_FOUND');

    const refund = await call('o', 'requestRefund', { orderNo: order.data.orderNo, memberId: 'QX-0001-2', reason: 'joined_employee' });
    expect(refund.data).toMatchObject({ eligible: true, amount: '320.00' });
    const after = await call('o', 'orderStatus', { orderNo: order.data.orderNo });
    expect(after.data.items.find((i: any) => i.memberId === 'QX-0001-2').status).toMatch(/refund/);
  });

  it('a second payment for an enrolled member is marked a refundable duplicate', async () => {
    const me = QIXIAN_FAMILY.members[0]!;
    await call('a', 'lookupHousehold', { name: me.name, idNumber: me.idNumber });
    await call('b', 'lookupHousehold', { name: me.name, idNumber: me.idNumber });
    const ids = ['QX-0001-1', 'QX-0001-2', 'QX-0001-3'];
    const first = await call('a', 'createOrder', { householdId: 'QX-0001', memberIds: ids });
    const second = await call('b', 'createOrder', { householdId: 'QX-0001', memberIds: ids });
    await pay(first);
    await pay(second);
    const items = (await call('b', 'orderStatus', { orderNo: second.data.orderNo })).data.items.map((i: any) => i.status);
    expect(items).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('pages through more documents than one read returns', async () => {
    const me = QIXIAN_FAMILY.members[0]!;
    await call('o', 'lookupHousehold', { name: me.name, idNumber: me.idNumber });
    for (let i = 0; i < 105; i++) await call('o', 'createOrder', { householdId: 'QX-0001', memberIds: ['QX-0001-1', 'QX-0001-2', 'QX-0001-3'] });
    const mine = await call('o', 'myOrders', {});
    expect(mine.data).toHaveLength(105);
  });

  it('imports a roster and a department list, a chunk at a time; the same files again change nothing', async () => {
    await db.collection('operators').doc('op').set({ openid: 'op', name: '经办人' });
    const [a, b] = [idNumber('341302', '1990-02-02', '011'), idNumber('341302', '1992-03-03', '022')];
    const roster = `户编号,地区,村社区,姓名,证件号码\nQX-7001,qixian,蕲县村,甲,${a}\nQX-7001,qixian,蕲县村,乙,${b}\n`;
    const list = `证件号码,姓名,身份\n${a},甲,低保\n${b},丙,低保\n`;
    expect((await call('op', 'importRoster', { kind: 'roster', csv: roster })).data).toMatchObject({ imported: 2, unchanged: 0 });
    expect((await call('op', 'importRoster', { kind: 'department', department: '民政', csv: list })).data).toMatchObject({ imported: 1, rejected: [{ line: 3, reason: '姓名与花名册不符' }] });
    expect((await call('op', 'importRoster', { kind: 'roster', csv: roster })).data).toMatchObject({ imported: 0, unchanged: 2 });
    expect((await call('op', 'importRoster', { kind: 'department', department: '民政', csv: list })).data).toMatchObject({ imported: 0, unchanged: 1 });
    expect((await deps.storage.householdMembers('QX-7001')).map((m) => m.name).sort()).toEqual(['乙', '甲']);
  });

  it('rate-limits lookups per caller through the calls collection', async () => {
    const me = QIXIAN_FAMILY.members[0]!;
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await call('o', 'lookupHousehold', { name: me.name, idNumber: me.idNumber })).ok);
    expect(answers.filter((ok) => !ok)).toHaveLength(1);
  });
});
