/** 医保电子凭证: who may activate, the hand-off, and the result recorded, on the real embedded database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleVoucherNotify } from '../../src/server/functions';
import { idNumber } from '../support/people';
import { backend, type Backend } from './harness';

const FAMILY = {
  householdId: 'DT-0100',
  region: 'dingtao',
  unit: '天中街道',
  members: [
    { idNumber: idNumber('371703', '1980-01-01', '011'), name: '孙爸爸' },
    { idNumber: idNumber('371703', '1982-02-02', '022'), name: '李妈妈' },
    { idNumber: idNumber('371703', '2015-03-03', '031'), name: '孙小明' },
  ],
};
const [DAD, MUM] = FAMILY.members;
const DAD_OPENID = 'o-dad';

let b: Backend;
beforeEach(async () => {
  b = await backend('2023-10-10T10:00:00', [FAMILY]);
  await b.call(DAD_OPENID, 'lookupHousehold', { name: DAD!.name, idNumber: DAD!.idNumber });
});
afterEach(async () => b.close());

async function payEveryone() {
  const q = await b.call(DAD_OPENID, 'quote', { householdId: 'DT-0100' });
  const order = await b.call(DAD_OPENID, 'createOrder', { householdId: 'DT-0100', memberIds: q.data.members.map((m: any) => m.memberId) });
  b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
  await b.deliveries(1);
}

const activate = (memberId: string, openid = DAD_OPENID) => b.call(openid, 'activateVoucher', { householdId: 'DT-0100', memberId });
const ticketOf = (r: any) => new URL(r.data.handOff.url, 'http://x').searchParams.get('ticket')!;

describe('activateVoucher', () => {
  it('only after payment', async () => {
    expect((await activate('DT-0100-1')).error.code).toBe('NOT_ENROLLED');
  });

  it('the person themself: hand-off, activation on the official side, status with a QR payload', async () => {
    await payEveryone();
    const r = await activate('DT-0100-1');
    expect(r.data).toMatchObject({ handOff: { kind: 'sandbox' }, voucher: { status: 'pending' } });
    expect(await b.voucherSandbox.activate(ticketOf(r))).toBe(true);
    const status = await b.call(DAD_OPENID, 'voucherStatus', { householdId: 'DT-0100' });
    expect(status.data.map((v: any) => v.status)).toEqual(['activated', 'not_requested', 'not_requested']);
    expect(status.data[0].qrPayload).toMatch(/^ybpz:/);
    // Another adult of the household sees that it is active, never the member's code itself.
    await b.call('o-mum', 'lookupHousehold', { name: MUM!.name, idNumber: MUM!.idNumber });
    const seenByMum = await b.call('o-mum', 'voucherStatus', { householdId: 'DT-0100' });
    expect(seenByMum.data[0]).toMatchObject({ status: 'activated', qrPayload: null });
    // Asking again does not start over.
    expect((await activate('DT-0100-1')).data).toMatchObject({ handOff: null, voucher: { status: 'activated' } });
  });

  it('a guardian for a minor, but not for another adult; the code of a minor goes to the guardian', async () => {
    await payEveryone();
    const child = await activate('DT-0100-3');
    expect(child.data.voucher.status).toBe('pending');
    await b.voucherSandbox.activate(ticketOf(child));
    expect((await b.call(DAD_OPENID, 'voucherStatus', { householdId: 'DT-0100' })).data[2].qrPayload).toMatch(/^ybpz:/);
    expect((await activate('DT-0100-2')).error.code).toBe('NOT_ALLOWED');
    await b.call('o-mum', 'lookupHousehold', { name: MUM!.name, idNumber: MUM!.idNumber });
    expect((await activate('DT-0100-2', 'o-mum')).data.voucher.status).toBe('pending');
    expect((await activate('DT-0100-1', 'o-stranger')).error.code).toBe('NO_ACCESS');
  });

  it('a forged result is refused; a lost notice is recovered by asking the platform', async () => {
    await payEveryone();
    const r = await activate('DT-0100-1');
    const forged = await handleVoucherNotify({ 'X-Voucher-Signature': 'AAAA' }, JSON.stringify({ ticket: ticketOf(r), status: 'activated', at: 1 }), b.deps);
    expect(forged.status).toBe(401);
    await b.voucherSandbox.activate(ticketOf(r), 'activated', false);
    expect((await b.storage.voucherOf('DT-0100-1'))!.status).toBe('pending');
    const status = await b.call(DAD_OPENID, 'voucherStatus', { householdId: 'DT-0100' });
    expect(status.data[0].status).toBe('activated');
    expect((await b.storage.voucherOf('DT-0100-1'))!.status).toBe('activated');
    // Counted once toward progress, however the activation became known (asked again: no change).
    await b.call(DAD_OPENID, 'voucherStatus', { householdId: 'DT-0100' });
    expect(await b.storage.unitCounts('dingtao-2024')).toEqual([{ unit: '天中街道', enrolled: 3, vouchersActivated: 1 }]);
  });
});
