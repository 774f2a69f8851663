/**
 * The production storage adapter: CloudBase's document database through @cloudbase/node-sdk.
 * Transactions there take document operations by id only (`t.collection(c).doc(id).get/set/
 * update`, with optimistic conflicts the SDK retries), so money and enrolment changes go through
 * document ids the rules make unique: an order is its order number, an enrolment is
 * `${personId}_${policyId}` — of two payers racing for one member, the database takes one
 * enrolment `add()` and refuses the other (settlement needs no transaction: see settlement.ts);
 * two transactions writing one document conflict, and one is retried.
 * Queries (a household's members, a caller's orders) run outside transactions, as reads.
 * The SDK answers a refused request with `{code, message}` instead of throwing: every answer goes
 * through `checked`, so a refusal is an error and a conflict reaches the SDK's retry.
 * Collections and indexes: cloudbaserc.json.
 */
import type { Db } from '@cloudbase/database';
import { idKey } from '../id-key';
import type {
  AuditEntry,
  EnrolmentRecord,
  HouseholdRecord,
  IdentityRecord,
  ItemStatus,
  OrderRecord,
  PersonRecord,
  OperatorRoles,
  PolicyVersionRecord,
  RefundRecord,
  ReminderRecord,
  Storage,
  StorageTx,
  RosterCount,
  UnitCount,
  UnitCountChange,
  VoucherRecord,
} from '../../core/ports';

type Doc = Record<string, unknown> & { _id?: string };

/** What this adapter uses of @cloudbase/database's Transaction (src/transaction/index.ts). */
interface DocTransaction {
  collection(name: string): {
    doc(id: string): { get(): Promise<unknown>; set(data: object): Promise<unknown>; update(data: object): Promise<unknown> };
    add(data: object): Promise<unknown>;
  };
}

export class CloudbaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The SDK returns refusals as values; they become errors here (the SDK's retry reads `code`). */
/** Documents per `add()` of a roster import: one request instead of one each. */
const ADD_BATCH = 200;

const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

function checked<T>(res: unknown): T {
  const r = res as { code?: unknown; message?: unknown };
  if (r && typeof r === 'object' && r.code) throw new CloudbaseError(String(r.code), String(r.message ?? ''));
  return res as T;
}

const strip = <T>(doc: Doc | null | undefined): T | null => {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  void _id;
  return rest as T;
};

const PAGE = 1000;
/** Requests in flight at once outside a transaction (a roster chunk, a household's enrolments). */
const PARALLEL = 20;
/** Whole transactions tried again after the SDK's own retries ran out on conflicts. */
const TRANSACTION_ATTEMPTS = 6;

export class CloudbaseStorage implements Storage {
  /**
   * The persons of the orders read, in item order (items never move, so an item's index stays
   * right): changing their statuses needs no second read. Bounded: a warm instance reads many.
   */
  private readonly itemPersons = new Map<string, string[]>();

  constructor(
    private readonly db: Db,
    /** Inside a transaction: by-id reads and all writes go through it. */
    private readonly tx: DocTransaction | null = null,
  ) {}

  private col(name: string) {
    return this.db.collection(name);
  }

  /**
   * Runs `work` for each item: together outside a transaction (each is a round trip), one after
   * another inside one — a database transaction runs its operations in order, and we do not rely
   * on CloudBase accepting two at once on the same transaction.
   */
  private async each<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const lane = async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.tx ? 1 : PARALLEL, items.length) }, lane));
    return out;
  }

  private async byId<T>(collection: string, id: string): Promise<T | null> {
    if (this.tx) return strip<T>(checked<{ data: Doc | null }>(await this.tx.collection(collection).doc(id).get()).data);
    return strip<T>(checked<{ data: Doc[] }>(await this.col(collection).doc(id).get()).data[0]);
  }

  private async put(collection: string, id: string, data: object): Promise<void> {
    checked(await (this.tx ? this.tx.collection(collection) : this.col(collection)).doc(id).set(data));
  }

  private async patch(collection: string, id: string, data: object): Promise<void> {
    checked(await (this.tx ? this.tx.collection(collection) : this.col(collection)).doc(id).update(data));
  }

  /** Every document matching a query, a page of up to 1,000 (the server SDK's most) at a time. */
  private async all<T>(collection: string, where: object, order?: [string, 'asc' | 'desc']): Promise<T[]> {
    const out: T[] = [];
    for (let skip = 0; ; skip += PAGE) {
      let q = this.col(collection).where(where);
      if (order) q = q.orderBy(order[0], order[1]);
      const res = checked<{ data: Doc[] }>(await q.skip(skip).limit(PAGE).get());
      out.push(...res.data.map((d) => strip<T>(d)!));
      if (res.data.length < PAGE) return out;
    }
  }

  async transaction<T>(work: (tx: StorageTx) => Promise<T>): Promise<T> {
    const run = this.db.runTransaction as unknown as (cb: (t: DocTransaction) => Promise<T>, times?: number) => Promise<T>;
    for (let attempt = 1; ; attempt++) {
      try {
        return await run.call(this.db, (t) => work(new CloudbaseStorage(this.db, t)), 3);
      } catch (e) {
        // The SDK retries a conflict at once; under a burst for one document (callbacks racing)
        // that can run out while the winner is still committing, so wait a little and go again.
        if ((e as { code?: string }).code !== 'DATABASE_TRANSACTION_CONFLICT' || attempt >= TRANSACTION_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.floor(Math.random() * 20)));
      }
    }
  }

  /**
   * CloudBase takes documents one at a time: inside a transaction one after another, so roster
   * chunks are written outside one (`importsInTransactions`), twenty at a time; writing the same
   * record again changes nothing, so a chunk cut short is finished by importing it again.
   */
  readonly importsInTransactions = false;

  async upsertHouseholds(list: HouseholdRecord[]) {
    await this.putMany('households', list.map((h) => ({ id: h.householdId, data: h })));
  }

  async upsertPersons(list: PersonRecord[]) {
    await this.putMany('persons', list.map((p) => ({ id: p.personId, data: p })));
  }

  async upsertIdentities(list: IdentityRecord[]) {
    await this.putMany('identities', list.map((i) => ({ id: `${i.idNumber}_${i.identity}`, data: i })));
  }

  /**
   * Writes many documents by id. Outside a transaction (roster imports): one query finds which
   * exist, the new ones go in `add()` batches (a new roster is mostly new rows), the rest are
   * overwritten one by one. A batch the database refuses is written one by one instead, so one bad
   * document never takes its neighbours with it.
   */
  private async putMany(collection: string, docs: Array<{ id: string; data: object }>): Promise<void> {
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    if (this.tx || unique.length < 2) {
      await this.each(unique, (d) => this.put(collection, d.id, d.data));
      return;
    }
    const existing = new Set<string>();
    for (let i = 0; i < unique.length; i += PAGE) {
      const ids = unique.slice(i, i + PAGE).map((d) => d.id);
      const res = checked<{ data: Doc[] }>(await this.col(collection).where({ _id: this.db.command.in(ids) }).field({ _id: true }).limit(PAGE).get());
      for (const d of res.data) existing.add(d._id as string);
    }
    const fresh = unique.filter((d) => !existing.has(d.id));
    await this.each(chunks(fresh, ADD_BATCH), async (batch) => {
      try {
        checked(await this.col(collection).add(batch.map((d) => ({ ...d.data, _id: d.id }))));
      } catch {
        await this.each(batch, (d) => this.put(collection, d.id, d.data));
      }
    });
    await this.each(unique.filter((d) => existing.has(d.id)), (d) => this.put(collection, d.id, d.data));
  }

  async findPersonsByIdNumbers(idNumbers: string[]) {
    if (idNumbers.length === 0) return [];
    return this.all<PersonRecord>('persons', { idNumber: this.db.command.in(idNumbers) });
  }

  async findHouseholds(householdIds: string[]) {
    if (householdIds.length === 0) return [];
    return this.all<HouseholdRecord>('households', { householdId: this.db.command.in(householdIds) });
  }

  async personsById(personIds: string[]) {
    const found = await this.each(personIds, (id) => this.byId<PersonRecord>('persons', id));
    return found.filter((p): p is PersonRecord => p !== null);
  }

  async removePerson(personId: string) {
    // Outside any transaction: an operator's decision, written once, after the refunds it needs.
    checked(await this.col('persons').doc(personId).remove());
  }

  lookupPerson(idNumber: string) {
    // One query on every path already: there is no cache here.
    return this.findPersonByIdNumber(idNumber);
  }

  async findPersonByIdNumber(idNumber: string) {
    return (await this.all<PersonRecord>('persons', { idNumber }))[0] ?? null;
  }

  async findPersonByBirthCertificate(birthCertificateNo: string) {
    return (await this.all<PersonRecord>('persons', { birthCertificateNo }))[0] ?? null;
  }

  household(householdId: string) {
    return this.byId<HouseholdRecord>('households', householdId);
  }

  householdMembers(householdId: string) {
    return this.all<PersonRecord>('persons', { householdId }, ['birthDate', 'asc']);
  }

  async identitiesOf(idNumbers: string[]) {
    // 100 numbers per query (a preview's window asks for a whole page of households), together.
    return (await this.each(chunks(idNumbers, 100), (ids) => this.all<IdentityRecord>('identities', { idNumber: this.db.command.in(ids) }))).flat();
  }

  async enrolmentsOf(personIds: string[], policyId: string) {
    const found = await this.each(personIds, (p) => this.byId<EnrolmentRecord>('enrolments', `${p}_${policyId}`));
    return found.filter((e): e is EnrolmentRecord => e !== null);
  }

  /**
   * One counter document per policy year and unit, incremented in place (`inc`, atomic without a
   * transaction): progress reads these few documents, never the year's enrolments. A unit's first
   * count creates its document by `add`, which refuses a second creator, who then increments.
   */
  async addToUnitCounts(changes: UnitCountChange[]) {
    const merged = new Map<string, { policyId: string; unit: string; enrolled: number; vouchersActivated: number }>();
    for (const c of changes) {
      const id = `${c.policyId}|${c.unit}`;
      const m = merged.get(id) ?? { policyId: c.policyId, unit: c.unit, enrolled: 0, vouchersActivated: 0 };
      merged.set(id, { ...m, enrolled: m.enrolled + (c.enrolled ?? 0), vouchersActivated: m.vouchersActivated + (c.vouchersActivated ?? 0) });
    }
    const _ = this.db.command;
    for (const [id, c] of merged) {
      const increment = async () => checked<{ updated: number }>(await this.col('unit_counts').doc(id).update({ enrolled: _.inc(c.enrolled), vouchersActivated: _.inc(c.vouchersActivated) })).updated;
      if ((await increment()) > 0) continue;
      try {
        checked(await this.col('unit_counts').add({ _id: id, ...c }));
      } catch (e) {
        // The SDK throws this one (a TcbError with `code`) rather than answering it as a value.
        if (!/DUPLICATE/.test(String((e as { code?: unknown }).code))) throw e;
        await increment();
      }
    }
  }

  async unitCounts(policyId: string): Promise<UnitCount[]> {
    const docs = await this.all<{ unit: string; enrolled: number; vouchersActivated: number }>('unit_counts', { policyId });
    return docs.map((d) => ({ unit: d.unit, enrolled: d.enrolled, vouchersActivated: d.vouchersActivated })).sort((a, b) => a.unit.localeCompare(b.unit));
  }

  async rosterCounts(region: string): Promise<RosterCount[]> {
    // One aggregation on the server (households joined to their persons, grouped by unit) instead
    // of reading a county's roster here: an operator's page asks for it, not residents.
    const $ = this.db.command.aggregate;
    const res = checked<{ data: Array<{ _id: string; persons: number }> }>(
      await this.col('households')
        .aggregate()
        .match({ region })
        .lookup({ from: 'persons', localField: 'householdId', foreignField: 'householdId', as: 'members' })
        .group({ _id: '$unit', persons: $.sum($.size('$members')) })
        .sort({ _id: 1 })
        .limit(1000)
        .end(),
    );
    return res.data.map((d) => ({ unit: d._id, persons: d.persons }));
  }

  async isOperator(openid: string) {
    return (await this.byId('operators', openid)) !== null;
  }

  async operatorRoles(openid: string) {
    const operator = await this.byId<{ roles?: OperatorRoles }>('operators', openid);
    return operator ? (operator.roles ?? {}) : null;
  }

  policyVersion(policyId: string, version: number) {
    return this.byId<PolicyVersionRecord>('policy_versions', `${policyId}#${version}`);
  }

  putPolicyVersion(v: PolicyVersionRecord) {
    return this.put('policy_versions', `${v.policyId}#${v.version}`, v);
  }

  async rosterPage(region: string, page: { unit?: string; after?: string }, limit: number) {
    const _ = this.db.command;
    const where = { region, ...(page.unit ? { unit: page.unit } : {}), ...(page.after ? { householdId: _.gt(page.after) } : {}) };
    const households: HouseholdRecord[] = [];
    while (households.length < limit) {
      const take = Math.min(PAGE, limit - households.length);
      const res = checked<{ data: Doc[] }>(await this.col('households').where(where).orderBy('householdId', 'asc').skip(households.length).limit(take).get());
      households.push(...res.data.map((d) => strip<HouseholdRecord>(d)!));
      if (res.data.length < take) break;
    }
    // Members of up to 100 households per query (a query's `in` list stays short), together.
    const lists = await this.each(chunks(households.map((h) => h.householdId), 100), (ids) => this.all<PersonRecord>('persons', { householdId: _.in(ids) }, ['personId', 'asc']));
    const members = lists.flat();
    return households.map((household) => ({ household, members: members.filter((m) => m.householdId === household.householdId) }));
  }

  async policyVersions() {
    return this.all<PolicyVersionRecord>('policy_versions', {}, ['version', 'asc']);
  }

  putReminder(r: ReminderRecord) {
    return this.put('reminders', r.id, r);
  }

  async remindersDue(today: string, limit: number) {
    const _ = this.db.command;
    const res = checked<{ data: Doc[] }>(await this.col('reminders').where({ status: 'pending', sendOn: _.lte(today) }).orderBy('sendOn', 'asc').limit(Math.min(limit, PAGE)).get());
    return res.data.map((d) => strip<ReminderRecord>(d)!);
  }

  async wakeReminder(id: string, sendOn: string) {
    checked(await this.col('reminders').where({ _id: id, status: 'pending' }).update({ sendOn }));
  }

  async settleReminder(id: string, change: Pick<ReminderRecord, 'status' | 'settledAt' | 'note'>) {
    checked(await this.col('reminders').where({ _id: id, status: 'pending' }).update(change));
  }

  grantAccess(openid: string, householdId: string, memberId: string, at: number) {
    return this.put('access_grants', `${openid}_${householdId}_${memberId}`, { openid, householdId, memberId, grantedAt: at });
  }

  async hasAccess(openid: string, householdId: string) {
    return (await this.identifiedMembers(openid, householdId)).length > 0;
  }

  async identifiedMembers(openid: string, householdId: string) {
    return (await this.all<{ memberId: string }>('access_grants', { openid, householdId })).map((g) => g.memberId);
  }

  /**
   * Every counted call leaves one audit line under the same action (found, not_found or
   * rate_limited), so the window is counted there: one round trip, no write of its own. This call's
   * line is written after the count, hence the + 1.
   */
  async countCall(openid: string, action: string, at: number, since: number) {
    void at;
    return checked<{ total: number }>(await this.col('audit_log').where({ openid, action, at: this.db.command.gte(since) }).count()).total + 1;
  }

  async lookupFailures(idNumber: string, since: number) {
    return checked<{ total: number }>(await this.col('lookup_failures').where({ key: idKey(idNumber), at: this.db.command.gte(since) }).count()).total;
  }

  async recordLookupFailure(idNumber: string, at: number) {
    // The region (the ID's first six digits, its place of registration) is no one's identity.
    checked(await this.col('lookup_failures').add({ key: idKey(idNumber), region: idNumber.slice(0, 6), at }));
  }

  async lookupFailuresIn(scope: { region: string } | 'all', since: number) {
    const where = scope === 'all' ? { at: this.db.command.gte(since) } : { region: scope.region, at: this.db.command.gte(since) };
    return checked<{ total: number }>(await this.col('lookup_failures').where(where).count()).total;
  }

  async auditEntries(action: string, since: number, limit: number): Promise<AuditEntry[]> {
    const res = checked<{ data: Doc[] }>(await this.col('audit_log').where({ action, at: this.db.command.gte(since) }).orderBy('at', 'desc').limit(Math.min(limit, PAGE)).get());
    return res.data.map((d) => strip<AuditEntry>(d)!);
  }

  async audit(...entries: AuditEntry[]) {
    // In a transaction the audit lines commit or vanish with what they describe.
    if (entries.length > 0) checked(await (this.tx ? this.tx.collection('audit_log') : this.col('audit_log')).add(entries));
  }

  insertOrder(o: OrderRecord) {
    return this.put('orders', o.orderNo, o);
  }

  async ordersByNo(orderNos: string[]) {
    // Inside a transaction, read through it: a concurrent change to these orders makes one of the two retry.
    const found = (await this.each(orderNos, (no) => this.byId<OrderRecord>('orders', no))).filter((o): o is OrderRecord => o !== null);
    if (this.itemPersons.size > 1_000) this.itemPersons.clear();
    for (const o of found) this.itemPersons.set(o.orderNo, o.items.map((i) => i.personId));
    return found;
  }

  order(orderNo: string) {
    return this.byId<OrderRecord>('orders', orderNo);
  }

  ordersOf(openid: string) {
    return this.all<OrderRecord>('orders', { openid }, ['createdAt', 'desc']);
  }

  ordersWithDuplicates() {
    return this.all<OrderRecord>('orders', { 'items.status': 'duplicate' }, ['createdAt', 'asc']);
  }

  unsettledOrders(createdBefore: number) {
    return this.all<OrderRecord>('orders', { status: 'created', createdAt: this.db.command.lt(createdBefore) }, ['createdAt', 'asc']);
  }

  async markOrdersPaid(paid: { orderNo: string; transactionId: string; paidAt: number; items: { personId: string; status: ItemStatus }[] }[]) {
    // The paid mark and the items' outcomes in one conditional update per order: of two
    // settlements of one order, the database lets exactly one move it.
    const moved = await this.each(paid, async (p) => {
      const change = { status: 'paid', transactionId: p.transactionId, paidAt: p.paidAt, ...(await this.itemPatch(p.orderNo, p.items)) };
      return checked<{ updated: number }>(await this.col('orders').where({ _id: p.orderNo, status: this.db.command.neq('paid') }).update(change)).updated > 0;
    });
    return paid.filter((_, i) => moved[i]).map((p) => p.orderNo);
  }

  async markOrderClosed(orderNo: string) {
    return checked<{ updated: number }>(await this.col('orders').where({ _id: orderNo, status: 'created' }).update({ status: 'closed' })).updated > 0;
  }

  async setItemStatuses(changes: { orderNo: string; personId: string; status: ItemStatus }[]) {
    const byOrder = new Map<string, typeof changes>();
    for (const c of changes) byOrder.set(c.orderNo, [...(byOrder.get(c.orderNo) ?? []), c]);
    for (const [orderNo, mine] of byOrder) {
      const patch = await this.itemPatch(orderNo, mine);
      if (Object.keys(patch).length > 0) await this.patch('orders', orderNo, patch);
    }
  }

  /**
   * Only these items' statuses, by their positions: changing some items must not write back an
   * items array read before the others were changed.
   */
  private async itemPatch(orderNo: string, items: { personId: string; status: ItemStatus }[]): Promise<Record<string, ItemStatus>> {
    const persons = this.itemPersons.get(orderNo) ?? (await this.byId<OrderRecord>('orders', orderNo))?.items.map((i) => i.personId) ?? [];
    const patch: Record<string, ItemStatus> = {};
    for (const c of items) {
      const index = persons.indexOf(c.personId);
      if (index >= 0) patch[`items.${index}.status`] = c.status;
    }
    return patch;
  }

  /**
   * An enrolment's document id is person and year, so the database itself refuses a second one:
   * each is inserted with `add()` (all at once, no transaction); a refused one is read, and taken
   * over by a conditional update if it was refunded.
   */
  async claimEnrolments(list: EnrolmentRecord[]) {
    const firsts = list.filter((e, i) => list.findIndex((o) => o.personId === e.personId && o.policyId === e.policyId) === i);
    return this.each(firsts, async (e) => {
      const id = `${e.personId}_${e.policyId}`;
      try {
        checked(await this.col('enrolments').add({ _id: id, ...e }));
        return e;
      } catch (refused) {
        const held = await this.byId<EnrolmentRecord>('enrolments', id);
        // Refused for another reason than the id being taken: that is an error.
        if (!held) throw refused;
        if (held.status !== 'refunded') return held;
        const taken = checked<{ updated: number }>(await this.col('enrolments').where({ _id: id, status: 'refunded' }).update(e)).updated > 0;
        return taken ? e : ((await this.byId<EnrolmentRecord>('enrolments', id)) ?? e);
      }
    });
  }

  setEnrolmentStatus(personId: string, policyId: string, status: EnrolmentRecord['status']) {
    return this.patch('enrolments', `${personId}_${policyId}`, { status });
  }

  voucherOf(personId: string) {
    return this.byId<VoucherRecord>('vouchers', personId);
  }

  async voucherByTicket(ticket: string) {
    return (await this.all<VoucherRecord>('vouchers', { ticket }))[0] ?? null;
  }

  upsertVoucher(v: VoucherRecord) {
    return this.put('vouchers', v.personId, v);
  }

  insertRefund(r: RefundRecord) {
    return this.put('refunds', r.refundNo, r);
  }

  updateRefund(refundNo: string, change: Pick<RefundRecord, 'status' | 'attempt' | 'failure'>) {
    return this.patch('refunds', refundNo, change);
  }

  refund(refundNo: string) {
    return this.byId<RefundRecord>('refunds', refundNo);
  }

  refundsForOperators() {
    return this.all<RefundRecord>('refunds', { status: this.db.command.in(['review', 'failed']) }, ['requestedAt', 'asc']);
  }

  unsettledRefunds(requestedBefore: number) {
    return this.all<RefundRecord>('refunds', { status: this.db.command.in(['requested', 'processing']), requestedAt: this.db.command.lt(requestedBefore) }, ['requestedAt', 'asc']);
  }

  refundsOf(orderNo: string) {
    return this.all<RefundRecord>('refunds', { orderNo }, ['requestedAt', 'asc']);
  }
}
