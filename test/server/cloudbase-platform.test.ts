/**
 * The CloudBase adapter meets the platform's behaviour, through the real SDK on the loopback
 * emulator: conflicting transactions are retried and settle to one outcome, a failed transaction
 * leaves nothing, unique indexes hold with MongoDB's null semantics, reads page past the server
 * SDK's 1,000-document limit, and a refusal (which the SDK returns as a value) is thrown.
 */
import cloudbase from '@cloudbase/node-sdk';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnrolmentRecord, OrderRecord, PersonRecord } from '../../src/core/ports';
import { CloudbaseStorage } from '../../src/server/cloudbase/storage';
import { CloudbaseEmulator } from '../support/cloudbase-emulator';
import { manifestIndexes } from './harness';

let emulator: CloudbaseEmulator;
let storage: CloudbaseStorage;

beforeAll(async () => {
  emulator = await new CloudbaseEmulator(manifestIndexes()).start();
  Object.assign(process.env, emulator.env());
  storage = new CloudbaseStorage(cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }).database() as never);
});
beforeEach(() => emulator.reset());

const enrolment = (orderNo: string): EnrolmentRecord => ({ personId: 'P1', policyId: 'dingtao-2024', orderNo, coverageStart: '2024-01-01', coverageEnd: '2024-12-31', paidAmount: 38000, status: 'enrolled' });
const person = (personId: string, idNumber: string | null, birthCertificateNo: string | null = null): PersonRecord => ({
  personId, householdId: 'H1', idNumber, birthCertificateNo, guardianId: null, name: '甲', birthDate: '1990-01-01', hukou: 'local', residencePermit: false,
  employeeInsured: false, employeeHistory: null, school: false, migrantWorker: false, military: false, prisoner: false, leavesOn: null, dischargedOn: null,
  enrolledYears: null, claimFreeLastYear: false,
});

describe('CloudBase through the real SDK', () => {
  it('ten settlements racing to enrol one person: exactly one holds it, and all ten are told which', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => storage.claimEnrolments([enrolment(`O${i}`)])));
    const holders = new Set(results.map(([held]) => held!.orderNo));
    expect(holders.size).toBe(1);
    expect(emulator.docs('enrolments')).toEqual([expect.objectContaining({ _id: 'P1_dingtao-2024', orderNo: [...holders][0] })]);
    expect(emulator.counts.get('database.startTransaction')).toBeUndefined();
    // Repeated (a settlement cut short and run again), it answers the same and writes nothing new.
    expect(await storage.claimEnrolments([enrolment([...holders][0]!)])).toEqual([enrolment([...holders][0]!)]);
  });

  it('a refunded enrolment is taken over by exactly one of two settlements racing for it', async () => {
    emulator.put('enrolments', { _id: 'P1_dingtao-2024', ...enrolment('OLD'), status: 'refunded' });
    const [[a], [b]] = await Promise.all([storage.claimEnrolments([enrolment('A')]), storage.claimEnrolments([enrolment('B')])]);
    expect(a!.orderNo).toBe(b!.orderNo);
    expect(['A', 'B']).toContain(a!.orderNo);
    expect(emulator.docs('enrolments')).toEqual([expect.objectContaining({ orderNo: a!.orderNo, status: 'enrolled' })]);
  });

  it('of two settlements of one order, exactly one moves it to paid; a paid order is never closed', async () => {
    const o: OrderRecord = { orderNo: 'O1', openid: 'o', householdId: 'H', policyId: 'dingtao-2024', total: 38000, status: 'created', createdAt: 1, paidAt: null, transactionId: null, items: [{ personId: 'P1', due: 38000, coverageStart: '2024-01-01', coverageEnd: '2024-12-31', status: 'pending' }] };
    emulator.put('orders', { _id: o.orderNo, ...o });
    const paid = { orderNo: 'O1', transactionId: 'T1', paidAt: 2, items: [{ personId: 'P1', status: 'enrolled' as const }] };
    const moved = await Promise.all([storage.markOrdersPaid([paid]), storage.markOrdersPaid([paid])]);
    expect(moved.flat()).toEqual(['O1']);
    expect(await storage.markOrderClosed('O1')).toBe(false);
    expect(emulator.docs('orders')[0]).toMatchObject({ status: 'paid', transactionId: 'T1', items: [{ status: 'enrolled' }] });
  });

  it('progress counters: twenty increments racing, the first ones creating the document, count twenty', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.addToUnitCounts([{ policyId: 'dingtao-2024', unit: '天中街道', enrolled: 1, vouchersActivated: i % 2 }])));
    await storage.addToUnitCounts([{ policyId: 'dingtao-2024', unit: '天中街道', enrolled: -1 }, { policyId: 'dingtao-2024', unit: '杜堂镇', enrolled: 2 }]);
    expect(await storage.unitCounts('dingtao-2024')).toEqual([
      { unit: '天中街道', enrolled: 19, vouchersActivated: 10 },
      { unit: '杜堂镇', enrolled: 2, vouchersActivated: 0 },
    ]);
  });

  it('a roster chunk of new people goes in add() batches; existing ones are overwritten; a refused batch falls back to one by one', async () => {
    await storage.upsertPersons([person('P0', '110101199001010011')]);
    emulator.counts.clear();
    const chunk = [person('P0', '110101199001010011'), ...Array.from({ length: 450 }, (_, i) => person(`P${i + 1}`, `ID${String(i + 1).padStart(6, '0')}`))];
    await storage.upsertPersons(chunk);
    // One query for which exist, three add() of ≤ 200, one set for the existing one.
    expect(emulator.counts.get('database.getDocument')).toBe(1);
    expect(emulator.counts.get('database.insertDocument')).toBe(3);
    expect(emulator.counts.get('database.modifyDocument')).toBe(1);
    expect(emulator.docs('persons')).toHaveLength(451);

    // A batch holding an ID number already taken by another person: the others still go in.
    await expect(storage.upsertPersons([person('Q1', 'NEW000001'), person('Q2', 'ID000007')])).rejects.toThrow();
    expect(emulator.docs('persons').some((d) => d._id === 'Q1')).toBe(true);
    expect(emulator.docs('persons').some((d) => d._id === 'Q2')).toBe(false);
  });

  it('a transaction that fails part-way leaves nothing behind', async () => {
    emulator.put('enrolments', { _id: 'P1_dingtao-2024', ...enrolment('O1') });
    await expect(
      storage.transaction(async (tx) => {
        await tx.setEnrolmentStatus('P1', 'dingtao-2024', 'refunded');
        await tx.audit({ at: 1, openid: 'o', action: 'test', subject: 's', outcome: 'o' });
        throw new Error('payment platform said no');
      }),
    ).rejects.toThrow('payment platform said no');
    expect(emulator.docs('enrolments')).toEqual([expect.objectContaining({ status: 'enrolled' })]);
    expect(emulator.docs('audit_log')).toHaveLength(0);
  });

  it('reads inside a transaction see its snapshot and its own writes', async () => {
    await storage.upsertPersons([person('P1', '110101199001011234')]);
    emulator.put('enrolments', { _id: 'P1_dingtao-2024', ...enrolment('O1') });
    await storage.transaction(async (tx) => {
      await tx.upsertPersons([{ ...person('P1', '110101199001011234'), name: '乙' }]);
      await tx.setEnrolmentStatus('P1', 'dingtao-2024', 'refunded');
      // Its own write is seen; a change committed by another after its snapshot is not.
      emulator.put('enrolments', { _id: 'P2_dingtao-2024', ...enrolment('O2'), personId: 'P2' });
      expect((await tx.enrolmentsOf(['P1', 'P2'], 'dingtao-2024')).map((e) => [e.personId, e.status])).toEqual([['P1', 'refunded']]);
    });
    expect(emulator.docs('persons')[0]).toMatchObject({ name: '乙' });
  });

  it('the manifest’s unique indexes hold (the refusal is thrown, not returned): one ID number per person; many persons without a birth certificate', async () => {
    await storage.upsertPersons([person('P1', '110101199001011234'), person('P2', '110101199001012345'), person('P3', null, 'Q123')]);
    await expect(storage.upsertPersons([person('P4', '110101199001011234')])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(storage.upsertPersons([person('P5', null, 'Q123')])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect(emulator.docs('persons')).toHaveLength(3);
  });

  it('pages past the 1,000 documents one read may return', async () => {
    for (let i = 0; i < 1_050; i++) {
      const o: OrderRecord = { orderNo: `O${i}`, openid: 'o-many', householdId: 'H', policyId: 'dingtao-2024', total: 100, status: 'created', createdAt: i, paidAt: null, transactionId: null, items: [] };
      emulator.put('orders', { _id: o.orderNo, ...o });
    }
    const mine = await storage.ordersOf('o-many');
    expect(mine).toHaveLength(1_050);
    expect(mine[0]!.createdAt).toBe(1_049);
    expect(emulator.counts.get('database.getDocument')).toBe(2);
  });
});
