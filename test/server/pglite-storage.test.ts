/** The local storage's caches and group commit must never show a reader anything but committed rows. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/civil-date';
import { CallWindows } from '../../src/server/call-windows';
import { PgliteStorage } from '../../src/server/pglite-storage';
import { ReadCache } from '../../src/server/read-cache';
import { seedHouseholds, type HouseholdSeed } from '../../src/server/seed';
import { idNumber } from '../support/people';

const HOUSEHOLD: HouseholdSeed = {
  householdId: 'H1',
  region: 'qixian',
  unit: '城关镇',
  members: [{ idNumber: idNumber('341302', '1970-03-01'), name: '张三' }],
};

let storage: PgliteStorage;
let template: Promise<Blob> | undefined;
afterEach(async () => {
  if (!storage.sql.closed) await storage.close();
});

async function open() {
  template ??= PgliteStorage.schemaTemplate();
  storage = await PgliteStorage.open(undefined, await template);
  await seedHouseholds(storage, [HOUSEHOLD]);
  return storage;
}

describe('local storage caches', () => {
  it('a roster change in a transaction is seen by the next read', async () => {
    const s = await open();
    const before = await s.householdMembers('H1');
    expect(before.map((m) => m.name)).toEqual(['张三']);
    await s.transaction((tx) => tx.upsertPersons([{ ...before[0]!, personId: 'H1-2', idNumber: idNumber('341302', '2001-05-05'), name: '张小', birthDate: '2001-05-05' }]));
    expect((await s.householdMembers('H1')).map((m) => m.name)).toEqual(['张三', '张小']);
    expect((await s.findPersonByIdNumber(idNumber('341302', '2001-05-05')))?.name).toBe('张小');
  });

  it('a read racing a transaction answers the old row, and the next read the new one', async () => {
    const s = await open();
    const [person] = await s.householdMembers('H1');
    // A fresh key: this read misses and queries while the transaction below is queued behind it.
    const inFlight = s.findPersonByIdNumber(person!.idNumber!);
    await s.transaction((tx) => tx.upsertPersons([{ ...person!, name: '张叁' }]));
    expect((await inFlight)?.name).toBe('张三');
    expect((await s.findPersonByIdNumber(person!.idNumber!))?.name).toBe('张叁');
  });

  it('an ID number not on the roster is found once a roster import adds it', async () => {
    const s = await open();
    const newcomer = idNumber('341302', '1999-09-09', '019');
    expect(await s.findPersonByIdNumber(newcomer)).toBeNull();
    const [first] = await s.householdMembers('H1');
    await s.transaction((tx) => tx.upsertPersons([{ ...first!, personId: 'H1-9', idNumber: newcomer, name: '新来', birthDate: '1999-09-09' }]));
    expect((await s.findPersonByIdNumber(newcomer))?.name).toBe('新来');
  });

  it('a rolled-back write leaves the committed rows in view', async () => {
    const s = await open();
    const [person] = await s.householdMembers('H1');
    await expect(
      s.transaction(async (tx) => {
        await tx.upsertPersons([{ ...person!, name: '李四' }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await s.householdMembers('H1'))[0]?.name).toBe('张三');
  });

  it('an enrolment and its refund are seen by the next read', async () => {
    const s = await open();
    expect(await s.enrolmentsOf(['H1-1'], 'qixian-2022')).toEqual([]);
    const e = { personId: 'H1-1', policyId: 'qixian-2022', orderNo: 'O1', coverageStart: '2022-01-01', coverageEnd: '2022-12-31', paidAmount: 32000, status: 'enrolled' as const };
    expect(await s.claimEnrolments([e])).toEqual([e]);
    expect(await s.enrolmentsOf(['H1-1'], 'qixian-2022')).toEqual([e]);
    await s.transaction((tx) => tx.setEnrolmentStatus('H1-1', 'qixian-2022', 'refunded'));
    expect((await s.enrolmentsOf(['H1-1'], 'qixian-2022'))[0]?.status).toBe('refunded');
    // Refunded, the person may be enrolled again: another order takes the enrolment over, and a
    // third finds it held by that one.
    const again = { ...e, orderNo: 'O2' };
    expect(await s.claimEnrolments([again])).toEqual([again]);
    expect(await s.claimEnrolments([{ ...e, orderNo: 'O3' }])).toEqual([again]);
  });

  it('an order read while unpaid is seen paid once settled', async () => {
    const s = await open();
    const order = { orderNo: 'YB1', openid: 'o', householdId: 'H1', policyId: 'qixian-2022', total: 32000, status: 'created' as const, createdAt: 1, paidAt: null, transactionId: null, items: [{ personId: 'H1-1', due: 32000, coverageStart: '2022-01-01', coverageEnd: '2022-12-31', status: 'pending' as const }] };
    expect(await s.order('YB1')).toBeNull();
    await s.transaction((tx) => tx.insertOrder(order));
    expect((await s.order('YB1'))?.status).toBe('created');
    const paid = { orderNo: 'YB1', transactionId: 'T1', paidAt: 2, items: [{ personId: 'H1-1', status: 'enrolled' as const }] };
    expect(await s.markOrdersPaid([paid])).toEqual(['YB1']);
    // Once paid, a second settlement moves nothing and nothing closes it.
    expect(await s.markOrdersPaid([{ ...paid, items: [{ personId: 'H1-1', status: 'duplicate' as const }] }])).toEqual([]);
    expect(await s.markOrderClosed('YB1')).toBe(false);
    const stored = await s.order('YB1');
    expect([stored?.status, stored?.items[0]?.status]).toEqual(['paid', 'enrolled']);
  });
});

describe('warming the caches at start', () => {
  it('holds the whole roster, so a lookup and a quote read no rows, and still sees later writes', async () => {
    const s = await open();
    const others: HouseholdSeed[] = Array.from({ length: 1200 }, (_, i) => ({
      householdId: `W${i}`,
      region: 'qixian',
      unit: '城关镇',
      members: [{ idNumber: idNumber('341302', addDays('1980-01-01', i)), name: `王${i}` }],
    }));
    await seedHouseholds(s, others);
    const pages: number[] = [];
    expect(await s.warm((n) => pages.push(n))).toBe(1201);
    expect(pages.length).toBe(3);
    let queries = 0;
    const query = s.sql.query.bind(s.sql);
    s.sql.query = ((...args: Parameters<typeof query>) => (queries++, query(...args))) as typeof query;
    const person = await s.findPersonByIdNumber(others[700]!.members[0]!.idNumber);
    expect(person?.name).toBe('王700');
    expect((await s.householdMembers('W700')).length).toBe(1);
    expect(await s.enrolmentsOf([person!.personId], 'qixian-2022')).toEqual([]);
    expect(await s.identitiesOf([person!.idNumber!])).toEqual([]);
    expect(queries).toBe(0);
    await s.transaction((tx) => tx.upsertPersons([{ ...person!, name: '王七百' }]));
    expect((await s.findPersonByIdNumber(person!.idNumber!))?.name).toBe('王七百');
  });

  it('a roster change forgets only what it touches: a move is seen in both households, the rest stays in memory', async () => {
    const s = await open();
    await seedHouseholds(s, [
      { householdId: 'A', region: 'qixian', unit: '城关镇', members: [{ idNumber: idNumber('341302', '1990-01-01'), name: '甲' }] },
      { householdId: 'B', region: 'qixian', unit: '城关镇', members: [{ idNumber: idNumber('341302', '1991-01-01'), name: '乙' }] },
    ]);
    await s.warm();
    const [mover] = await s.householdMembers('A');
    await s.transaction((tx) => tx.upsertPersons([{ ...mover!, householdId: 'B', idNumber: idNumber('341302', '1990-01-01', '002') }]));
    let queries = 0;
    const query = s.sql.query.bind(s.sql);
    s.sql.query = ((...args: Parameters<typeof query>) => (queries++, query(...args))) as typeof query;
    expect((await s.householdMembers('H1')).map((m) => m.name)).toEqual(['张三']);
    expect(queries).toBe(0);
    expect(await s.householdMembers('A')).toEqual([]);
    expect((await s.householdMembers('B')).map((m) => m.name).sort()).toEqual(['乙', '甲']);
    expect(await s.findPersonByIdNumber(idNumber('341302', '1990-01-01'))).toBeNull();
    expect((await s.findPersonByIdNumber(idNumber('341302', '1990-01-01', '002')))?.householdId).toBe('B');
  });
});

describe('group commit of audit lines and grants', () => {
  it('writes concurrent appends together, each caller answered once its rows are committed', async () => {
    const s = await open();
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => [
        s.audit({ at: i, openid: `o${i}`, action: 'lookup', subject: '3*************1', outcome: 'found' }),
        s.grantAccess(`o${i}`, 'H1', 'H1-1', i),
      ]).flat(),
    );
    const count = await s.sql.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(count.rows[0]?.n).toBe(300);
    expect(await s.hasAccess('o299', 'H1')).toBe(true);
    expect(await s.hasAccess('stranger', 'H1')).toBe(false);
    expect(await s.identifiedMembers('o7', 'H1')).toEqual(['H1-1']);
  });

  it('the same grant twice in one batch is one row', async () => {
    const s = await open();
    await Promise.all([s.grantAccess('o', 'H1', 'H1-1', 1), s.grantAccess('o', 'H1', 'H1-1', 2)]);
    const rows = await s.sql.query<{ granted_at: number }>('select granted_at from access_grants');
    expect(rows.rows.map((r) => Number(r.granted_at))).toEqual([2]);
  });

  it('closing writes the rows still queued', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-close-'));
    try {
      template ??= PgliteStorage.schemaTemplate();
      const s = await PgliteStorage.open(dir, await template);
      void s.audit({ at: 1, openid: 'o', action: 'lookup', subject: 'x', outcome: 'found' });
      await s.close();
      storage = await PgliteStorage.open(dir);
      const count = await storage.sql.query<{ n: number }>('select count(*)::int as n from audit_log');
      expect(count.rows[0]?.n).toBe(1);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ReadCache', () => {
  it('keeps at most its limit, dropping the oldest', async () => {
    const cache = new ReadCache<number>(2);
    let loads = 0;
    const load = (v: number) => async () => (loads++, v);
    await cache.get('a', load(1));
    await cache.get('b', load(2));
    await cache.get('c', load(3));
    await cache.get('b', load(0));
    expect(loads).toBe(3);
    expect(await cache.get('a', load(4))).toBe(4);
  });

  it('does not keep a value loaded while the key was invalidated', async () => {
    const cache = new ReadCache<string>(10);
    let finish!: (v: string) => void;
    const inFlight = cache.get('k', () => new Promise((r) => (finish = r)));
    cache.invalidate(['k']);
    finish('old');
    expect(await inFlight).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('keeps a value loaded while another key was invalidated, but none loaded across a full invalidation', async () => {
    const cache = new ReadCache<string>(10);
    let finish!: (v: string) => void;
    const inFlight = cache.get('k', () => new Promise((r) => (finish = r)));
    cache.invalidate(['other']);
    finish('loaded');
    await inFlight;
    expect(cache.peek('k')).toEqual({ value: 'loaded' });
    const second = cache.get('j', () => new Promise((r) => (finish = r)));
    cache.invalidate();
    finish('stale');
    await second;
    expect(cache.peek('j')).toBeNull();
  });

  it('with more invalidated keys than it can stamp, drops every load in flight', async () => {
    const cache = new ReadCache<string>(3);
    let finish!: (v: string) => void;
    const inFlight = cache.get('k', () => new Promise((r) => (finish = r)));
    cache.invalidate(['a', 'b']);
    cache.invalidate(['c', 'd']);
    finish('maybe stale');
    await inFlight;
    expect(cache.peek('k')).toBeNull();
  });
});

describe('CallWindows', () => {
  it('counts a caller\'s calls inside the window and forgets keys once the longest window (an hour) has passed', () => {
    const HOUR = 60 * 60 * 1000;
    const w = new CallWindows();
    expect([w.count('a', 1, 0), w.count('a', 2, 0), w.count('a', 12, 5)]).toEqual([1, 2, 1]);
    for (let i = 0; i < 10_000; i++) w.count(`old-${i}`, 100, 0);
    // An ID's failed lookups half an hour ago: its lock (an hour) outlasts a caller's 10 minutes.
    w.count('failed id', HOUR / 2, 0);
    expect(w.size).toBeGreaterThan(10_000);
    // Within the next 10,000 calls the sweep runs once: the old keys (and 'a') go, the ID's stays.
    for (let i = 0; i < 10_000; i++) w.count('new', HOUR + 1_000 + i, HOUR + 500);
    expect(w.size).toBe(2);
    expect(w.peek('failed id', 0)).toBe(1);
    expect(w.count('new', HOUR + 20_000, HOUR + 500)).toBe(10_001);
  });

  it('a caller seen once (kept as a bare number) counts and leaves the window like any other', () => {
    const w = new CallWindows();
    expect([w.count('b', 10, 0), w.peek('b', 10), w.peek('b', 11)]).toEqual([1, 1, 0]);
    expect(w.count('b', 20, 11)).toBe(1);
    expect([w.count('b', 30, 11), w.count('b', 40, 11), w.peek('b', 25)]).toEqual([2, 3, 2]);
  });
});
