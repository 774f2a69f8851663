/** registerNewborn on the real embedded database. */
import { afterEach, describe, expect, it } from 'vitest';
import { idNumber } from '../support/people';
import { backend, DINGTAO_FAMILY, type Backend } from './harness';

const ALICE = 'o-parent';
let b: Backend;
afterEach(async () => b?.close());

const CHILD_FAMILY = {
  ...DINGTAO_FAMILY,
  members: [...DINGTAO_FAMILY.members, { idNumber: idNumber('371703', '2012-02-02', '071'), name: '赵小妹' }],
};

async function start(today: string, households = [CHILD_FAMILY]) {
  b = await backend(`${today}T10:00:00`, households);
  const parent = households[0]!.members[0]!;
  await b.call(ALICE, 'lookupHousehold', { name: parent.name, idNumber: parent.idNumber });
}

const DAD = DINGTAO_FAMILY.members[0]!;
const MUM = DINGTAO_FAMILY.members[1]!;
/** As the birth certificate prints them: the father is DT-0001-1. */
const BABY = { householdId: 'DT-0001', name: '赵宝宝', birthDate: '2024-02-01', birthCertificateNo: 'Q371234567', guardianMemberId: 'DT-0001-1', parentName: DAD.name, parentIdNumber: DAD.idNumber };
const register = (extra: Record<string, unknown> = {}, openid = ALICE) => b.call(openid, 'registerNewborn', { ...BABY, ...extra });

describe('registerNewborn (dingtao-2024 §四(二): 6 months from birth)', () => {
  it('registers a newborn with its birth certificate, quotes it from birth and pays for it', async () => {
    await start('2024-03-10');
    const r = await register();
    expect(r.data).toMatchObject({ alreadyRegistered: false, window: { lastDay: '2024-08-01', span: '出生后6个月内' } });
    expect(r.data.member.idNumber).toBe('出生证 Q********7');
    expect(r.data.window.afterwards).toContain('自缴费次月');
    const q = await b.call(ALICE, 'quote', { householdId: 'DT-0001' });
    const baby = q.data.members.find((m: any) => m.memberId === r.data.member.memberId);
    expect(baby).toMatchObject({ outcome: 'pay', due: '380.00', coverageStart: '2024-02-01', entry: 'newborn' });
    // The grown-ups pay late with a waiting period; the newborn does not.
    expect(q.data.members.find((m: any) => m.memberId === 'DT-0001-1')).toMatchObject({ entry: 'late', coverageStart: '2024-06-11' });
    const order = await b.call(ALICE, 'createOrder', { householdId: 'DT-0001', memberIds: [baby.memberId] });
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(1);
    const cert = await b.call(ALICE, 'certificate', { orderNo: order.data.orderNo });
    expect(cert.data.members[0]).toMatchObject({ name: '赵*宝', idNumber: '出生证 Q********7', coverageStart: '2024-02-01' });
  });

  it('registering the same child again returns the same member', async () => {
    await start('2024-03-10');
    const first = await register();
    const again = await register();
    expect(again.data).toMatchObject({ alreadyRegistered: true, member: { memberId: first.data.member.memberId } });
    expect((await b.call(ALICE, 'quote', { householdId: 'DT-0001' })).data.members).toHaveLength(4);
  });

  it('takes an ID number when there is one, and checks it against the birth date', async () => {
    await start('2024-03-10');
    expect((await register({ birthCertificateNo: undefined, idNumber: idNumber('371703', '2024-02-01', '081') })).ok).toBe(true);
    const mismatch = await register({ birthCertificateNo: undefined, idNumber: idNumber('371703', '2024-01-01', '091') });
    expect(mismatch.error.code).toBe('BIRTH_DATE_MISMATCH');
    expect((await register({ birthCertificateNo: undefined })).error).toMatchObject({ code: 'INVALID_EVENT', message: expect.stringContaining('出生医学证明编号') });
  });

  it('refuses after the window for a child born before the coverage year', async () => {
    await start('2024-03-10');
    const late = await register({ birthDate: '2023-08-01' });
    expect(late.error.code).toBe('WINDOW_CLOSED');
    expect(late.error.message).toContain('2024年2月1日');
  });

  it('a child born in the coverage year may still register after six months (paying from the next month)', async () => {
    await start('2024-09-10');
    const r = await register({ birthDate: '2024-02-01' });
    expect(r.ok).toBe(true);
    const q = await b.call(ALICE, 'quote', { householdId: 'DT-0001' });
    expect(q.data.members.find((m: any) => m.memberId === r.data.member.memberId)).toMatchObject({ coverageStart: '2024-10-01' });
  });

  it('the guardian must be an adult member of the household, and the caller must have looked it up', async () => {
    await start('2024-03-10');
    expect((await register({ guardianMemberId: 'DT-0001-3' })).error.code).toBe('GUARDIAN_MINOR');
    expect((await register({ guardianMemberId: 'QX-0001-1' })).error.code).toBe('NOT_A_MEMBER');
    expect((await register({}, 'o-stranger')).error.code).toBe('NO_ACCESS');
    expect((await register({ birthDate: '2024-03-11' })).error.code).toBe('INVALID_BIRTH_DATE');
  });

  it('the guardian is the parent printed on the birth certificate: name and ID must match that member', async () => {
    await start('2024-03-10');
    expect((await register({ parentName: '赵大江' })).error.code).toBe('PARENT_MISMATCH');
    expect((await register({ parentIdNumber: MUM.idNumber })).error.code).toBe('PARENT_MISMATCH');
    expect((await register({ guardianMemberId: 'DT-0001-2', parentName: MUM.name, parentIdNumber: MUM.idNumber })).ok).toBe(true);
  });

  it('a caller identified only as a child of the household cannot register a newborn', async () => {
    await start('2024-03-10');
    const child = CHILD_FAMILY.members[2]!;
    await b.call('o-child', 'lookupHousehold', { name: child.name, idNumber: child.idNumber });
    expect((await register({}, 'o-child')).error.code).toBe('NOT_ALLOWED');
  });

  const OTHER = { householdId: 'DT-0002', region: 'dingtao', unit: '定陶街道', members: [{ idNumber: idNumber('371703', '1980-05-05', '111'), name: '孙明' }] };
  const AS_OTHER = { householdId: 'DT-0002', guardianMemberId: 'DT-0002-1', parentName: '孙明', parentIdNumber: OTHER.members[0]!.idNumber };
  const payFor = async (openid: string, householdId: string, memberId: string) => {
    const order = await b.call(openid, 'createOrder', { householdId, memberIds: [memberId] });
    // Counted from the deliveries so far: a second payment must wait for its own callback.
    const before = b.delivered.length;
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(before + b.sandbox.scenario.deliveries);
    return order.data.orderNo as string;
  };

  it('a child two households register: the same answer as any registration, and neither family is blocked', async () => {
    await start('2024-03-10', [CHILD_FAMILY, OTHER]);
    expect((await register()).ok).toBe(true);
    await b.call('o-other', 'lookupHousehold', { name: OTHER.members[0]!.name, idNumber: OTHER.members[0]!.idNumber });
    const known = await register(AS_OTHER, 'o-other');
    const unknown = await register({ ...AS_OTHER, name: '孙宝宝', birthCertificateNo: 'Q379999999' }, 'o-other');
    // Same fields, same window, the number masked the same way: nothing tells the two apart.
    expect(known.ok && unknown.ok).toBe(true);
    expect(known.data).toMatchObject({ alreadyRegistered: false, member: { name: '赵*宝', idNumber: '出生证 Q********7', birthYear: 2024 } });
    expect(Object.keys(known.data.member)).toEqual(Object.keys(unknown.data.member));
    expect(known.data.window).toEqual(unknown.data.window);
    expect((await register(AS_OTHER, 'o-other')).data).toMatchObject({ alreadyRegistered: true, member: { memberId: known.data.member.memberId } });
    const quoted = (await b.call('o-other', 'quote', { householdId: 'DT-0002' })).data.members;
    const claimed = quoted.find((m: any) => m.memberId === known.data.member.memberId);
    const fresh = quoted.find((m: any) => m.memberId === unknown.data.member.memberId);
    expect({ ...claimed, memberId: '', name: '', idNumber: '' }).toEqual({ ...fresh, memberId: '', name: '', idNumber: '' });
  });

  it("operators decide with the birth certificate: the other registration is voided, its payment refunded", async () => {
    await start('2024-03-10', [CHILD_FAMILY, OTHER]);
    const first = await register();
    const firstOrder = await payFor(ALICE, 'DT-0001', first.data.member.memberId);
    await b.call('o-other', 'lookupHousehold', { name: OTHER.members[0]!.name, idNumber: OTHER.members[0]!.idNumber });
    const claim = await register(AS_OTHER, 'o-other');
    await payFor('o-other', 'DT-0002', claim.data.member.memberId);

    // Both paid: the operators' queue shows it (who, where, where first), not only the log.
    await b.addOperator('o-operator');
    expect((await b.call(ALICE, 'resolveNewbornClaim', { claimantId: claim.data.member.memberId, keep: 'claimant' })).error.code).toBe('NOT_OPERATOR');
    const progress = await b.call('o-operator', 'progress', { policyId: 'dingtao-2024' });
    expect(progress.data.newbornConflicts).toEqual([{ at: expect.any(Number), claimantId: claim.data.member.memberId, name: '赵*宝', householdId: 'DT-0002', registeredIn: 'DT-0001' }]);

    // The certificate names 孙明: the child is DT-0002's; DT-0001's registration goes, its payment back.
    const decided = await b.call('o-operator', 'resolveNewbornClaim', { claimantId: claim.data.member.memberId, keep: 'claimant' });
    expect(decided.data).toEqual({ keptIn: 'DT-0002', voidedIn: 'DT-0001', refunds: 1 });
    expect((await b.call('o-operator', 'resolveNewbornClaim', { claimantId: claim.data.member.memberId, keep: 'claimant' })).error.code).toBe('CLAIM_NOT_FOUND');
    expect((await b.call('o-operator', 'progress', { policyId: 'dingtao-2024' })).data.newbornConflicts).toEqual([]);
    expect(await b.auditLog()).toContainEqual({ action: 'requestRefund', subject: firstOrder, outcome: '380.00元 registration_voided 第1次' });
    const enrolments = await b.enrolments();
    expect(enrolments.find((e) => e.personId === first.data.member.memberId)!.status).toMatch(/^refund/);
    expect(enrolments.find((e) => e.personId === claim.data.member.memberId)!.status).toBe('enrolled');
    expect((await b.call(ALICE, 'quote', { householdId: 'DT-0001' })).data.members.map((m: any) => m.memberId)).not.toContain(first.data.member.memberId);
    // The number is DT-0002's now: registering it there again finds the same child; DT-0001's certificate still reads.
    expect((await register(AS_OTHER, 'o-other')).data).toMatchObject({ alreadyRegistered: true, member: { memberId: claim.data.member.memberId, idNumber: '出生证 Q********7' } });
    expect((await b.call(ALICE, 'certificate', { orderNo: firstOrder })).ok).toBe(true);
  });

  it('decided for the first registration: the claim is voided, its open order closed, and nothing of the first changes', async () => {
    await start('2024-03-10', [CHILD_FAMILY, OTHER]);
    const first = await register();
    await b.call('o-other', 'lookupHousehold', { name: OTHER.members[0]!.name, idNumber: OTHER.members[0]!.idNumber });
    const claim = await register(AS_OTHER, 'o-other');
    // An order for the claim, not yet paid: ended with the claim, so it can never be paid after.
    const open = await b.call('o-other', 'createOrder', { householdId: 'DT-0002', memberIds: [claim.data.member.memberId] });
    await b.addOperator('o-operator');
    expect((await b.call('o-operator', 'resolveNewbornClaim', { claimantId: claim.data.member.memberId, keep: 'registered' })).data).toEqual({ keptIn: 'DT-0001', voidedIn: 'DT-0002', refunds: 0 });
    expect((await b.call('o-other', 'orderStatus', { orderNo: open.data.orderNo })).data.status).toBe('closed');
    expect((await b.call('o-other', 'quote', { householdId: 'DT-0002' })).data.members.map((m: any) => m.memberId)).not.toContain(claim.data.member.memberId);
    expect((await register()).data).toMatchObject({ alreadyRegistered: true, member: { memberId: first.data.member.memberId } });
  });

  it('limits registrations per caller per day and newborns per household per year', async () => {
    await start('2024-03-10');
    for (let i = 0; i < 3; i++) expect((await register({ name: `赵宝${i}`, birthCertificateNo: `Q37000000${i}` })).ok).toBe(true);
    expect((await register({ name: '赵宝3', birthCertificateNo: 'Q370000003' })).error.code).toBe('AT_COUNTER');
    expect((await register({ name: '赵宝4', birthCertificateNo: 'Q370000004' })).error.code).toBe('AT_COUNTER');
    expect((await register({ name: '赵宝5', birthCertificateNo: 'Q370000005' })).error.code).toBe('RATE_LIMITED');
    b.clock.advance(24 * 60 * 60 * 1000 + 1);
    expect((await register({ name: '赵宝6', birthCertificateNo: 'Q370000006' })).error.code).toBe('AT_COUNTER');
  });
});

describe('registerNewborn where the notice says nothing of newborns (tengzhou-2021)', () => {
  it('sends the parents to the counter', async () => {
    const family = { householdId: 'TZ-0009', region: 'tengzhou', unit: '北辛街道', members: [{ idNumber: idNumber('370481', '1990-01-01', '011'), name: '李父' }] };
    await start('2020-12-01', [family]);
    const r = await b.call(ALICE, 'registerNewborn', { householdId: 'TZ-0009', name: '李宝', birthDate: '2020-11-20', birthCertificateNo: 'Q370000001', guardianMemberId: 'TZ-0009-1', parentName: '李父', parentIdNumber: family.members[0]!.idNumber });
    expect(r.error).toMatchObject({ code: 'NOT_ONLINE', message: expect.stringContaining('户籍所在镇（街道）医保经办窗口') });
  });
});

describe('newbornWindow: the window before registering, for the countdown', () => {
  it('answers the last day and what happens after it (dingtao-2024 §四(二))', async () => {
    await start('2024-03-10');
    const r = await b.call(ALICE, 'newbornWindow', { householdId: 'DT-0001', birthDate: '2024-02-01' });
    expect(r.data).toMatchObject({ today: '2024-03-10', window: { lastDay: '2024-08-01', span: '出生后6个月内' } });
    expect(r.data.window.afterwards).toContain('自缴费次月');
  });

  it('is only for a caller who looked the household up', async () => {
    await start('2024-03-10');
    const r = await b.call('o-stranger', 'newbornWindow', { householdId: 'DT-0001', birthDate: '2024-02-01' });
    expect(r.error.code).toBe('NO_ACCESS');
  });
});

describe('onSale: what the home page says is on sale today', () => {
  it('lists each region selling a year today, with its collection period and clause', async () => {
    await start('2024-03-10');
    const r = await b.call(ALICE, 'onSale', {});
    expect(r.data.today).toBe('2024-03-10');
    expect(r.data.regions).toEqual([expect.objectContaining({ region: 'dingtao', coverageYear: 2024, closes: expect.any(String) })]);
  });
});
