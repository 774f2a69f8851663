/**
 * The local storage adapter: PGlite, PostgreSQL compiled to WASM. It installs from npm alone,
 * persists to a folder and has real transactions and row locks, so `npm start` and the tests
 * exercise the same atomicity the CloudBase adapter must provide. An enrolment is unique per
 * person and policy year by a database constraint, not by a check in code.
 */
import { idKey } from './id-key';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type {
  AuditEntry,
  EnrolmentRecord,
  HouseholdRecord,
  IdentityRecord,
  ItemStatus,
  OrderRecord,
  PersonRecord,
  RefundApplicant, RefundProof, RefundRecord, ReminderRecord, RosterCount,
  Storage,
  UnitCount,
  UnitCountChange,
  StorageTx,
  VoucherRecord, OperatorRoles, PolicyVersionRecord } from '../core/ports';
import { appendBatch, type Append } from './append-batch';
import type { Batcher } from './batcher';
import { CallWindows } from './call-windows';
import { ReadCache } from './read-cache';
import { ID_LOCK, OVERALL_LOOKUP_LIMIT, REGION_LOOKUP_LIMIT } from '../core/use-cases/household';

/** Counts a data folder's enrolments from before the counters, once: only while no counter exists. */
const BACKFILL_UNIT_COUNTS = `
insert into unit_counts
  select e.policy_id, h.unit, count(*)::int, (count(*) filter (where v.status = 'activated'))::int
  from enrolments e join persons p on p.person_id = e.person_id join households h on h.household_id = p.household_id
  left join vouchers v on v.person_id = e.person_id
  where e.status = 'enrolled'
  group by e.policy_id, h.unit`;

const SCHEMA = `
create table if not exists households (
  household_id text primary key,
  region text not null,
  unit text not null
);
create table if not exists persons (
  person_id text primary key,
  household_id text not null references households(household_id),
  id_number text not null unique,
  name text not null,
  birth_date text not null,
  hukou text not null default 'local',
  residence_permit boolean not null default false,
  employee_insured boolean not null default false,
  employee_history jsonb,
  school boolean not null default false,
  migrant_worker boolean not null default false,
  military boolean not null default false,
  prisoner boolean not null default false,
  leaves_on text,
  discharged_on text
);
create index if not exists persons_household on persons(household_id);
create index if not exists households_by_unit on households(region, unit);
-- Newborns may be registered before they have an ID number (出生医学证明编号 instead).
alter table persons alter column id_number drop not null;
alter table persons add column if not exists birth_certificate_no text unique;
alter table persons add column if not exists guardian_id text;
-- Enrolment history (参保年度, 上年度零报销) for the national layer's waiting periods, from 2025.
alter table persons add column if not exists enrolled_years jsonb;
alter table persons add column if not exists claim_free_last_year boolean not null default false;
-- A newborn registration whose number another member holds, until an operator decides.
alter table persons add column if not exists claim_of text;
alter table persons add column if not exists claimed_number text;
create table if not exists identities (
  id_number text not null,
  identity text not null,
  department text not null,
  recognized_on text,
  primary key (id_number, identity)
);
create table if not exists access_grants (
  openid text not null,
  household_id text not null,
  member_id text not null,
  granted_at bigint not null,
  primary key (openid, household_id, member_id)
);
create table if not exists operators (
  openid text primary key,
  name text not null
);
create table if not exists vouchers (
  person_id text primary key,
  ticket text not null unique,
  status text not null,
  requested_by text not null,
  by_guardian boolean not null,
  requested_at bigint not null,
  activated_at bigint
);
create table if not exists audit_log (
  seq bigserial primary key,
  at bigint not null,
  openid text not null,
  action text not null,
  subject text not null,
  outcome text not null
);
create table if not exists orders (
  order_no text primary key,
  openid text not null,
  household_id text not null,
  policy_id text not null,
  total bigint not null,
  status text not null,
  created_at bigint not null,
  paid_at bigint,
  transaction_id text
);
create index if not exists orders_by_openid on orders(openid, created_at);
create index if not exists orders_unsettled on orders(status, created_at);
create table if not exists order_items (
  order_no text not null references orders(order_no),
  person_id text not null,
  due bigint not null,
  coverage_start text not null,
  coverage_end text not null,
  status text not null,
  primary key (order_no, person_id)
);
alter table order_items add column if not exists repair_years text not null default '';
create table if not exists enrolments (
  person_id text not null,
  policy_id text not null,
  order_no text not null,
  coverage_start text not null,
  coverage_end text not null,
  paid_amount bigint not null,
  status text not null,
  primary key (person_id, policy_id)
);
create index if not exists enrolments_by_policy on enrolments(policy_id, status);
create table if not exists refunds (
  refund_no text primary key,
  order_no text not null,
  person_id text not null,
  amount bigint not null,
  reason text not null,
  status text not null,
  requested_at bigint not null
);
-- Added with the refund state machine; a data folder from before gets them here.
alter table refunds add column if not exists attempt int not null default 1;
alter table refunds add column if not exists failure text;
alter table refunds add column if not exists applicant jsonb;
alter table refunds add column if not exists proof jsonb;
create index if not exists refunds_unsettled on refunds(status, requested_at);
-- Progress counters per policy year and unit, changed with each enrolment, refund request and
-- voucher activation; a data folder from before gets them counted once (BACKFILL_UNIT_COUNTS).
alter table orders add column if not exists unit text;
alter table orders add column if not exists policy_version int;
-- Roles on policy years per region ({"demo": ["drafter"], "*": ["approver"]}); none: look only.
alter table operators add column if not exists roles jsonb;
create table if not exists unit_counts (
  policy_id text not null,
  unit text not null,
  enrolled int not null default 0,
  vouchers_activated int not null default 0,
  primary key (policy_id, unit)
);
-- Policy years as data: drafted, approved by a second operator, published, superseded.
create table if not exists policy_versions (
  policy_id text not null,
  version int not null,
  status text not null,
  data jsonb not null,
  reason text not null,
  drafted_by text not null,
  drafted_at bigint not null,
  approved_by text,
  approved_at bigint,
  published_at bigint,
  primary key (policy_id, version)
);
alter table policy_versions add column if not exists sale_from text;
-- Reminders by WeChat subscription message (ReminderRecord): due ones are read by day.
create table if not exists reminders (
  id text primary key,
  openid text not null,
  kind text not null,
  subject text not null,
  send_on text not null,
  status text not null,
  created_at bigint not null,
  settled_at bigint,
  note text
);
create index if not exists reminders_due on reminders(status, send_on);

`;

type Queryable = Pick<Transaction, 'query'>;
type Row = Record<string, unknown>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toPolicyVersion(r: Row): PolicyVersionRecord {
  return {
    policyId: r.policy_id as string,
    version: r.version as number,
    status: r.status as PolicyVersionRecord['status'],
    data: r.data,
    reason: r.reason as string,
    draftedBy: r.drafted_by as string,
    draftedAt: Number(r.drafted_at),
    approvedBy: (r.approved_by as string | null) ?? null,
    approvedAt: num(r.approved_at),
    publishedAt: num(r.published_at),
    saleFrom: (r.sale_from as string | null) ?? null,
  };
}

function toPerson(r: Row): PersonRecord {
  return {
    personId: r.person_id as string,
    householdId: r.household_id as string,
    idNumber: (r.id_number as string | null) ?? null,
    birthCertificateNo: (r.birth_certificate_no as string | null) ?? null,
    guardianId: (r.guardian_id as string | null) ?? null,
    name: r.name as string,
    birthDate: r.birth_date as string,
    hukou: r.hukou as PersonRecord['hukou'],
    residencePermit: r.residence_permit as boolean,
    employeeInsured: r.employee_insured as boolean,
    employeeHistory: (r.employee_history as PersonRecord['employeeHistory']) ?? null,
    school: r.school as boolean,
    migrantWorker: r.migrant_worker as boolean,
    military: r.military as boolean,
    prisoner: r.prisoner as boolean,
    leavesOn: (r.leaves_on as string | null) ?? null,
    dischargedOn: (r.discharged_on as string | null) ?? null,
    enrolledYears: (r.enrolled_years as number[] | null) ?? null,
    claimFreeLastYear: (r.claim_free_last_year as boolean | null) ?? false,
    // Only on a claim, so a roster row re-imported unchanged compares equal to what is stored.
    ...(r.claim_of ? { claimOf: r.claim_of as string, claimedNumber: r.claimed_number as string } : {}),
  };
}

/** A person as a row of the persons table, for json_populate_recordset. */
function personRow(p: PersonRecord): Row {
  return {
    person_id: p.personId, household_id: p.householdId, id_number: p.idNumber, name: p.name, birth_date: p.birthDate, hukou: p.hukou,
    residence_permit: p.residencePermit, employee_insured: p.employeeInsured, employee_history: p.employeeHistory, school: p.school,
    migrant_worker: p.migrantWorker, military: p.military, prisoner: p.prisoner, leaves_on: p.leavesOn, discharged_on: p.dischargedOn,
    birth_certificate_no: p.birthCertificateNo, guardian_id: p.guardianId, enrolled_years: p.enrolledYears, claim_free_last_year: p.claimFreeLastYear,
    claim_of: p.claimOf ?? null, claimed_number: p.claimedNumber ?? null,
  };
}

const toHousehold = (r: Row): HouseholdRecord => ({ householdId: r.household_id as string, region: r.region as string, unit: r.unit as string });

/** One record per key, the last given (ON CONFLICT may not touch a row twice in one statement). */
function lastPerKey<T>(list: T[], key: (item: T) => string): T[] {
  return [...new Map(list.map((item) => [key(item), item])).values()];
}

function toEnrolment(r: Row): EnrolmentRecord {
  return {
    personId: r.person_id as string,
    policyId: r.policy_id as string,
    orderNo: r.order_no as string,
    coverageStart: r.coverage_start as string,
    coverageEnd: r.coverage_end as string,
    paidAmount: Number(r.paid_amount),
    status: r.status as EnrolmentRecord['status'],
  };
}

/** An order row with its items aggregated as JSON (see readOrders). */
function toOrder(o: Row): OrderRecord {
  return {
    orderNo: o.order_no as string,
    openid: o.openid as string,
    householdId: o.household_id as string,
    policyId: o.policy_id as string,
    total: Number(o.total),
    status: o.status as OrderRecord['status'],
    createdAt: Number(o.created_at),
    paidAt: num(o.paid_at),
    transactionId: (o.transaction_id as string | null) ?? null,
    ...(o.unit ? { unit: o.unit as string } : {}),
    ...(o.policy_version ? { policyVersion: Number(o.policy_version) } : {}),
    items: ((o.items as Row[] | null) ?? []).map((i) => ({
      personId: i.person_id as string,
      due: Number(i.due),
      coverageStart: i.coverage_start as string,
      coverageEnd: i.coverage_end as string,
      status: i.status as ItemStatus,
      ...(i.repair_years ? { repairYears: String(i.repair_years).split(',').map(Number) } : {}),
    })),
  };
}

function toIdentity(r: Row): IdentityRecord {
  return {
    idNumber: r.id_number as string,
    identity: r.identity as IdentityRecord['identity'],
    department: r.department as string,
    recognizedOn: (r.recognized_on as string | null) ?? null,
  };
}


/** What the one process shares between its top-level reads and its transactions. */
class Shared {
  readonly windows = new CallWindows();
  readonly persons = new ReadCache<PersonRecord | null>(100_000);
  readonly households = new ReadCache<HouseholdRecord | null>(50_000);
  readonly members = new ReadCache<PersonRecord[]>(50_000);
  readonly identities = new ReadCache<IdentityRecord[]>(100_000);
  /** Orders by number: the result page asks for its order until the payment is settled. */
  readonly orders = new ReadCache<OrderRecord | null>(50_000);
  /** Every enrolment of a person, all years. */
  readonly enrolments = new ReadCache<EnrolmentRecord[]>(100_000);
  /**
   * Every ID number on the roster, once warm() has read them all (`complete`): a lookup of a number
   * not among them is answered from memory as quickly as one of a number in the cache, so timing
   * does not tell the two apart. New numbers are added as they are written, even while loading.
   */
  readonly rosterIds = { ids: new Set<string>(), complete: false };
  /** "openid household" pairs known to have access; grants are never withdrawn, so this only grows (bounded). */
  readonly granted = new Set<string>();

  rememberGrant(openid: string, householdId: string): void {
    if (this.granted.size >= 200_000) this.granted.clear();
    this.granted.add(`${openid} ${householdId}`);
  }
}

/**
 * Reads and writes on the database. Every write forgets what the caches held for it at once:
 * PGlite runs one transaction at a time and holds other queries until it ends, so no load can
 * see the old row after the write and store it (ReadCache's generation drops loads in flight).
 */
class PgTx implements StorageTx {
  constructor(
    protected readonly db: Queryable,
    protected readonly shared: Shared,
  ) {}

  protected async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(sql, params)).rows;
  }

  async upsertHouseholds(list: HouseholdRecord[]) {
    const households = lastPerKey(list, (h) => h.householdId);
    this.shared.households.invalidate(households.map((h) => h.householdId));
    await this.db.query(
      `insert into households select * from unnest($1::text[], $2::text[], $3::text[])
       on conflict (household_id) do update set region = excluded.region, unit = excluded.unit`,
      [households.map((h) => h.householdId), households.map((h) => h.region), households.map((h) => h.unit)],
    );
  }

  async upsertPersons(list: PersonRecord[]) {
    const people = lastPerKey(list, (p) => p.personId);
    const { persons, members, rosterIds } = this.shared;
    for (const p of people) if (p.idNumber) rosterIds.ids.add(p.idNumber);
    persons.invalidate(people.flatMap((p) => (p.idNumber ? [p.idNumber] : [])));
    members.invalidate(people.map((p) => p.householdId));
    // The statement also answers where the persons were: a move between households or a new ID
    // number makes those views stale too (forgotten before this transaction commits).
    const { rows } = await this.db.query<{ household_id: string; id_number: string | null }>(
      `with v as (select * from json_populate_recordset(null::persons, $1::json)),
       old as (select household_id, id_number from persons where person_id in (select person_id from v)),
       saved as (
         insert into persons select * from v
         on conflict (person_id) do update set household_id = excluded.household_id, id_number = excluded.id_number, name = excluded.name,
           birth_certificate_no = excluded.birth_certificate_no, guardian_id = excluded.guardian_id,
           birth_date = excluded.birth_date, hukou = excluded.hukou, residence_permit = excluded.residence_permit,
           employee_insured = excluded.employee_insured, employee_history = excluded.employee_history, school = excluded.school,
           migrant_worker = excluded.migrant_worker, military = excluded.military, prisoner = excluded.prisoner,
           leaves_on = excluded.leaves_on, discharged_on = excluded.discharged_on,
           enrolled_years = excluded.enrolled_years, claim_free_last_year = excluded.claim_free_last_year,
           claim_of = excluded.claim_of, claimed_number = excluded.claimed_number
         returning 1)
       select * from old`,
      [JSON.stringify(people.map(personRow))],
    );
    persons.invalidate(rows.flatMap((r) => (r.id_number ? [r.id_number] : [])));
    members.invalidate(rows.map((r) => r.household_id));
  }

  async upsertIdentities(list: IdentityRecord[]) {
    const identities = lastPerKey(list, (i) => `${i.idNumber} ${i.identity}`);
    this.shared.identities.invalidate(identities.map((i) => i.idNumber));
    await this.db.query(
      `insert into identities select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
       on conflict (id_number, identity) do update set department = excluded.department, recognized_on = excluded.recognized_on`,
      [identities.map((i) => i.idNumber), identities.map((i) => i.identity), identities.map((i) => i.department), identities.map((i) => i.recognizedOn)],
    );
  }

  async findPersonsByIdNumbers(idNumbers: string[]) {
    if (idNumbers.length === 0) return [];
    return (await this.rows('select * from persons where id_number = any($1)', [idNumbers])).map(toPerson);
  }

  async findHouseholds(householdIds: string[]) {
    if (householdIds.length === 0) return [];
    return (await this.rows('select * from households where household_id = any($1)', [householdIds])).map(toHousehold);
  }

  findPersonByIdNumber(idNumber: string) {
    return this.lookupPerson(idNumber);
  }

  /** One indexed query on every path (PgliteStorage caches findPersonByIdNumber, not this). */
  async lookupPerson(idNumber: string) {
    const [r] = await this.rows('select * from persons where id_number = $1', [idNumber]);
    return r ? toPerson(r) : null;
  }

  async findPersonByBirthCertificate(certificateNo: string) {
    const [r] = await this.rows('select * from persons where birth_certificate_no = $1', [certificateNo]);
    return r ? toPerson(r) : null;
  }

  async household(householdId: string): Promise<HouseholdRecord | null> {
    const [r] = await this.rows('select * from households where household_id = $1', [householdId]);
    return r ? toHousehold(r) : null;
  }

  async householdMembers(householdId: string) {
    return (await this.rows('select * from persons where household_id = $1 order by birth_date, person_id', [householdId])).map(toPerson);
  }

  async identitiesOf(idNumbers: string[]): Promise<IdentityRecord[]> {
    if (idNumbers.length === 0) return [];
    return (await this.rows('select * from identities where id_number = any($1)', [idNumbers])).map(toIdentity);
  }

  async enrolmentsOf(personIds: string[], policyId: string): Promise<EnrolmentRecord[]> {
    if (personIds.length === 0) return [];
    return (await this.rows('select * from enrolments where person_id = any($1) and policy_id = $2', [personIds, policyId])).map(toEnrolment);
  }

  async grantAccess(openid: string, householdId: string, memberId: string, at: number) {
    await this.db.query(
      'insert into access_grants values ($1, $2, $3, $4) on conflict (openid, household_id, member_id) do update set granted_at = excluded.granted_at',
      [openid, householdId, memberId, at],
    );
  }

  async isOperator(openid: string) {
    return (await this.rows('select 1 from operators where openid = $1', [openid])).length > 0;
  }

  async operatorRoles(openid: string) {
    const [r] = await this.rows('select roles from operators where openid = $1', [openid]);
    return r ? ((r.roles as OperatorRoles | null) ?? {}) : null;
  }

  async policyVersion(policyId: string, version: number) {
    const [r] = await this.rows('select * from policy_versions where policy_id = $1 and version = $2 for update', [policyId, version]);
    return r ? toPolicyVersion(r) : null;
  }

  async putPolicyVersion(v: PolicyVersionRecord) {
    await this.db.query(
      `insert into policy_versions values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (policy_id, version) do update set status = excluded.status, approved_by = excluded.approved_by, approved_at = excluded.approved_at,
         published_at = excluded.published_at, sale_from = excluded.sale_from`,
      [v.policyId, v.version, v.status, JSON.stringify(v.data), v.reason, v.draftedBy, v.draftedAt, v.approvedBy, v.approvedAt, v.publishedAt, v.saleFrom],
    );
  }

  async rosterPage(region: string, page: { unit?: string; after?: string }, limit: number) {
    const households = (
      await this.rows(
        `select * from households where region = $1 and ($2::text is null or unit = $2) and ($3::text is null or household_id > $3)
         order by household_id limit $4`,
        [region, page.unit ?? null, page.after ?? null, limit],
      )
    ).map((r) => ({ householdId: r.household_id as string, region: r.region as string, unit: r.unit as string }));
    const members = (await this.rows('select * from persons where household_id = any($1) order by person_id', [households.map((h) => h.householdId)])).map(toPerson);
    return households.map((household) => ({ household, members: members.filter((m) => m.householdId === household.householdId) }));
  }

  async policyVersions() {
    return (await this.rows('select * from policy_versions order by policy_id, version')).map(toPolicyVersion);
  }

  async putReminder(r: ReminderRecord) {
    await this.db.query(
      `insert into reminders values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (id) do update set send_on = excluded.send_on, status = excluded.status, created_at = excluded.created_at, settled_at = null, note = null`,
      [r.id, r.openid, r.kind, r.subject, r.sendOn, r.status, r.createdAt, r.settledAt, r.note],
    );
  }

  async remindersDue(today: string, limit: number) {
    const rows = await this.rows("select * from reminders where status = 'pending' and send_on <= $1 order by send_on, created_at limit $2", [today, limit]);
    return rows.map((r): ReminderRecord => ({
      id: r.id as string, openid: r.openid as string, kind: r.kind as ReminderRecord['kind'], subject: r.subject as string, sendOn: r.send_on as string,
      status: r.status as ReminderRecord['status'], createdAt: Number(r.created_at), settledAt: r.settled_at === null ? null : Number(r.settled_at), note: (r.note as string | null) ?? null,
    }));
  }

  async wakeReminder(id: string, sendOn: string) {
    await this.db.query("update reminders set send_on = $2 where id = $1 and status = 'pending'", [id, sendOn]);
  }

  async settleReminder(id: string, change: Pick<ReminderRecord, 'status' | 'settledAt' | 'note'>) {
    await this.db.query("update reminders set status = $2, settled_at = $3, note = $4 where id = $1 and status = 'pending'", [id, change.status, change.settledAt, change.note]);
  }

  async identifiedMembers(openid: string, householdId: string) {
    return (await this.rows('select member_id from access_grants where openid = $1 and household_id = $2', [openid, householdId])).map((r) => r.member_id as string);
  }

  private toVoucher(r: Row): VoucherRecord {
    return {
      personId: r.person_id as string,
      ticket: r.ticket as string,
      status: r.status as VoucherRecord['status'],
      requestedBy: r.requested_by as string,
      byGuardian: r.by_guardian as boolean,
      requestedAt: Number(r.requested_at),
      activatedAt: num(r.activated_at),
    };
  }

  async addToUnitCounts(changes: UnitCountChange[]) {
    if (changes.length === 0) return;
    const merged = new Map<string, UnitCountChange>();
    for (const c of changes) {
      const key = `${c.policyId}\u0000${c.unit}`;
      const m = merged.get(key) ?? { policyId: c.policyId, unit: c.unit, enrolled: 0, vouchersActivated: 0 };
      merged.set(key, { ...m, enrolled: m.enrolled! + (c.enrolled ?? 0), vouchersActivated: m.vouchersActivated! + (c.vouchersActivated ?? 0) });
    }
    const list = [...merged.values()];
    await this.db.query(
      `insert into unit_counts select * from unnest($1::text[], $2::text[], $3::int[], $4::int[])
       on conflict (policy_id, unit) do update set enrolled = unit_counts.enrolled + excluded.enrolled,
         vouchers_activated = unit_counts.vouchers_activated + excluded.vouchers_activated`,
      [list.map((c) => c.policyId), list.map((c) => c.unit), list.map((c) => c.enrolled), list.map((c) => c.vouchersActivated)],
    );
  }

  async unitCounts(policyId: string): Promise<UnitCount[]> {
    const rows = await this.rows('select unit, enrolled, vouchers_activated from unit_counts where policy_id = $1 order by unit', [policyId]);
    return rows.map((r) => ({ unit: r.unit as string, enrolled: r.enrolled as number, vouchersActivated: r.vouchers_activated as number }));
  }

  async rosterCounts(region: string): Promise<RosterCount[]> {
    const rows = await this.rows(
      `select h.unit, count(p.person_id)::int as persons
       from households h left join persons p on p.household_id = h.household_id where h.region = $1 group by h.unit order by h.unit`,
      [region],
    );
    return rows.map((r) => ({ unit: r.unit as string, persons: r.persons as number }));
  }

  async voucherOf(personId: string) {
    const [r] = await this.rows('select * from vouchers where person_id = $1', [personId]);
    return r ? this.toVoucher(r) : null;
  }

  async voucherByTicket(ticket: string) {
    const [r] = await this.rows('select * from vouchers where ticket = $1', [ticket]);
    return r ? this.toVoucher(r) : null;
  }

  async upsertVoucher(v: VoucherRecord) {
    await this.db.query(
      `insert into vouchers values ($1, $2, $3, $4, $5, $6, $7) on conflict (person_id) do update set ticket = excluded.ticket,
         status = excluded.status, requested_by = excluded.requested_by, by_guardian = excluded.by_guardian,
         requested_at = excluded.requested_at, activated_at = excluded.activated_at`,
      [v.personId, v.ticket, v.status, v.requestedBy, v.byGuardian, v.requestedAt, v.activatedAt],
    );
  }

  async hasAccess(openid: string, householdId: string) {
    return (await this.rows('select 1 from access_grants where openid = $1 and household_id = $2', [openid, householdId])).length > 0;
  }

  async countCall(openid: string, action: string, at: number, since: number) {
    return this.shared.windows.count(`${openid} ${action}`, at, since);
  }

  async lookupFailures(idNumber: string, since: number) {
    return this.shared.windows.peek(`failed ${idKey(idNumber)}`, since);
  }

  async recordLookupFailure(idNumber: string, at: number) {
    // Each window forgets failures older than the one asked about; the ID's lock is an hour.
    this.shared.windows.count(`failed ${idKey(idNumber)}`, at, at - ID_LOCK.windowMs);
    this.shared.windows.count(`failed region ${idNumber.slice(0, 6)}`, at, at - REGION_LOOKUP_LIMIT.windowMs);
    this.shared.windows.count('failed all', at, at - OVERALL_LOOKUP_LIMIT.windowMs);
  }

  async lookupFailuresIn(scope: { region: string } | 'all', since: number) {
    return this.shared.windows.peek(scope === 'all' ? 'failed all' : `failed region ${scope.region}`, since);
  }

  async auditEntries(action: string, since: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.rows('select at, openid, action, subject, outcome from audit_log where action = $1 and at >= $2 order by at desc limit $3', [action, since, limit]);
    return rows.map((r) => ({ at: Number(r.at), openid: r.openid as string, action: r.action as string, subject: r.subject as string, outcome: r.outcome as string }));
  }

  async audit(...entries: AuditEntry[]) {
    await this.db.query(
      'insert into audit_log (at, openid, action, subject, outcome) select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])',
      [entries.map((a) => a.at), entries.map((a) => a.openid), entries.map((a) => a.action), entries.map((a) => a.subject), entries.map((a) => a.outcome)],
    );
  }

  async insertOrder(o: OrderRecord) {
    this.shared.orders.invalidate([o.orderNo]);
    // One statement for the order and its items: one round trip into the database.
    await this.db.query(
      `with o as (insert into orders values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $16, $17) returning order_no)
       insert into order_items select o.order_no, i.* from o, unnest($10::text[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[]) as i`,
      [
        o.orderNo, o.openid, o.householdId, o.policyId, o.total, o.status, o.createdAt, o.paidAt, o.transactionId,
        o.items.map((i) => i.personId), o.items.map((i) => i.due), o.items.map((i) => i.coverageStart), o.items.map((i) => i.coverageEnd), o.items.map((i) => i.status),
        o.items.map((i) => (i.repairYears ?? []).join(',')),
        o.unit ?? null,
        o.policyVersion ?? null,
      ],
    );
  }

  /** Orders with their items, one query for all of them (in the order asked; missing ones left out). */
  protected async readOrders(orderNos: string[]): Promise<OrderRecord[]> {
    if (orderNos.length === 0) return [];
    const rows = await this.rows(
      `select o.*, (select json_agg(i order by i.person_id) from order_items i where i.order_no = o.order_no) as items
       from orders o where o.order_no = any($1)`,
      [orderNos],
    );
    const byNo = new Map(rows.map((o) => [o.order_no as string, o]));
    return orderNos.flatMap((no) => {
      const o = byNo.get(no);
      return o ? [toOrder(o)] : [];
    });
  }

  /**
   * PGlite runs one transaction at a time, so inside one nothing can change these orders until it
   * ends: no row lock is needed. A cached copy (committed, else it would have been forgotten)
   * saves the read.
   */
  async ordersByNo(orderNos: string[]) {
    const cached = new Map(orderNos.flatMap((no) => {
      const hit = this.shared.orders.peek(no)?.value;
      return hit ? [[no, hit] as const] : [];
    }));
    const read = new Map((await this.readOrders(orderNos.filter((no) => !cached.has(no)))).map((o) => [o.orderNo, o]));
    return orderNos.flatMap((no) => cached.get(no) ?? read.get(no) ?? []);
  }

  async order(orderNo: string) {
    return (await this.readOrders([orderNo]))[0] ?? null;
  }

  async ordersOf(openid: string) {
    const nos = await this.rows('select order_no from orders where openid = $1 order by created_at desc', [openid]);
    return this.readOrders(nos.map((r) => r.order_no as string));
  }

  async unsettledOrders(createdBefore: number) {
    const nos = await this.rows("select order_no from orders where status = 'created' and created_at < $1 order by created_at", [createdBefore]);
    return this.readOrders(nos.map((r) => r.order_no as string));
  }

  async ordersWithDuplicates() {
    const nos = await this.rows("select distinct order_no from order_items where status = 'duplicate' order by order_no");
    return this.readOrders(nos.map((r) => r.order_no as string));
  }

  async markOrdersPaid(paid: { orderNo: string; transactionId: string; paidAt: number; items: { personId: string; status: ItemStatus }[] }[]) {
    this.shared.orders.invalidate(paid.map((p) => p.orderNo));
    // One statement: the paid mark of the orders not paid yet, and their items' outcomes with it.
    const items = paid.flatMap((p) => p.items.map((i) => ({ orderNo: p.orderNo, ...i })));
    const moved = await this.rows(
      `with moved as (
         update orders o set status = 'paid', transaction_id = p.transaction_id, paid_at = p.paid_at
         from unnest($1::text[], $2::text[], $3::bigint[]) as p(order_no, transaction_id, paid_at)
         where o.order_no = p.order_no and o.status <> 'paid' returning o.order_no
       ), outcomes as (
         update order_items i set status = c.status
         from unnest($4::text[], $5::text[], $6::text[]) as c(order_no, person_id, status), moved m
         where m.order_no = c.order_no and i.order_no = c.order_no and i.person_id = c.person_id
       )
       select order_no from moved`,
      [paid.map((p) => p.orderNo), paid.map((p) => p.transactionId), paid.map((p) => p.paidAt), items.map((i) => i.orderNo), items.map((i) => i.personId), items.map((i) => i.status)],
    );
    return moved.map((r) => r.order_no as string);
  }

  async markOrderClosed(orderNo: string) {
    this.shared.orders.invalidate([orderNo]);
    return (await this.rows("update orders set status = 'closed' where order_no = $1 and status = 'created' returning order_no", [orderNo])).length > 0;
  }

  async setItemStatuses(changes: { orderNo: string; personId: string; status: ItemStatus }[]) {
    this.shared.orders.invalidate(changes.map((c) => c.orderNo));
    await this.db.query(
      `update order_items i set status = c.status from unnest($1::text[], $2::text[], $3::text[]) as c(order_no, person_id, status)
       where i.order_no = c.order_no and i.person_id = c.person_id`,
      [changes.map((c) => c.orderNo), changes.map((c) => c.personId), changes.map((c) => c.status)],
    );
  }

  async claimEnrolments(list: EnrolmentRecord[]) {
    this.shared.enrolments.invalidate(list.map((e) => e.personId));
    // Of two for one person and year, the first is tried; a refunded enrolment leaves the person
    // free to enrol again (its row is taken over), an active one does not. Then who holds each.
    const seen = new Set<string>();
    list = list.filter((e) => !seen.has(`${e.personId} ${e.policyId}`) && seen.add(`${e.personId} ${e.policyId}`));
    await this.db.query(
      `insert into enrolments select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
       on conflict (person_id, policy_id) do update set order_no = excluded.order_no, coverage_start = excluded.coverage_start,
         coverage_end = excluded.coverage_end, paid_amount = excluded.paid_amount, status = excluded.status
       where enrolments.status = 'refunded'`,
      [list.map((e) => e.personId), list.map((e) => e.policyId), list.map((e) => e.orderNo), list.map((e) => e.coverageStart), list.map((e) => e.coverageEnd), list.map((e) => e.paidAmount), list.map((e) => e.status)],
    );
    const held = await this.rows('select e.* from enrolments e join unnest($1::text[], $2::text[]) as k(person_id, policy_id) using (person_id, policy_id)', [
      list.map((e) => e.personId),
      list.map((e) => e.policyId),
    ]);
    return held.map(toEnrolment);
  }

  async setEnrolmentStatus(personId: string, policyId: string, status: EnrolmentRecord['status']) {
    this.shared.enrolments.invalidate([personId]);
    await this.db.query('update enrolments set status = $3 where person_id = $1 and policy_id = $2', [personId, policyId, status]);
  }

  async removePerson(personId: string) {
    const { rows } = await this.db.query<{ household_id: string; id_number: string | null }>('delete from persons where person_id = $1 returning household_id, id_number', [personId]);
    this.shared.persons.invalidate(rows.flatMap((r) => (r.id_number ? [r.id_number] : [])));
    this.shared.members.invalidate(rows.map((r) => r.household_id));
  }

  async personsById(personIds: string[]): Promise<PersonRecord[]> {
    if (personIds.length === 0) return [];
    return (await this.rows('select * from persons where person_id = any($1)', [personIds])).map(toPerson);
  }

  async insertRefund(r: RefundRecord) {
    await this.db.query('insert into refunds (refund_no, order_no, person_id, amount, reason, status, requested_at, attempt, failure, applicant, proof) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
      r.refundNo, r.orderNo, r.personId, r.amount, r.reason, r.status, r.requestedAt, r.attempt, r.failure, r.applicant ? JSON.stringify(r.applicant) : null, r.proof ? JSON.stringify(r.proof) : null,
    ]);
  }

  async updateRefund(refundNo: string, change: Pick<RefundRecord, 'status' | 'attempt' | 'failure'>) {
    await this.db.query('update refunds set status = $2, attempt = $3, failure = $4 where refund_no = $1', [refundNo, change.status, change.attempt, change.failure]);
  }

  async refund(refundNo: string): Promise<RefundRecord | null> {
    return (await this.rows('select * from refunds where refund_no = $1 for update', [refundNo])).map(toRefund)[0] ?? null;
  }

  async refundsOf(orderNo: string): Promise<RefundRecord[]> {
    return (await this.rows('select * from refunds where order_no = $1 order by requested_at', [orderNo])).map(toRefund);
  }

  async refundsForOperators(): Promise<RefundRecord[]> {
    return (await this.rows("select * from refunds where status in ('review', 'failed') order by requested_at")).map(toRefund);
  }

  async unsettledRefunds(requestedBefore: number): Promise<RefundRecord[]> {
    return (await this.rows("select * from refunds where status in ('requested', 'processing') and requested_at < $1 order by requested_at", [requestedBefore])).map(toRefund);
  }
}

function toRefund(r: Row): RefundRecord {
  return {
    refundNo: r.refund_no as string,
    orderNo: r.order_no as string,
    personId: r.person_id as string,
    amount: Number(r.amount),
    reason: r.reason as string,
    status: r.status as RefundRecord['status'],
    requestedAt: Number(r.requested_at),
    attempt: Number(r.attempt),
    failure: (r.failure as string | null) ?? null,
    ...(r.applicant ? { applicant: r.applicant as RefundApplicant } : {}),
    ...(r.proof ? { proof: r.proof as RefundProof } : {}),
  };
}

type Versions = readonly [households: number, members: number, identities: number, enrolments: number, persons: number];

/** Households per query when warming the caches. */
const WARM_PAGE = 500;

interface LoadedHousehold {
  household: HouseholdRecord | null;
  members: PersonRecord[];
}

/**
 * The storage itself: transactions go straight to the database; reads outside a transaction are
 * served from the caches, and the audit lines and access grants of concurrent lookups are
 * committed together with new orders (see append-batch.ts).
 */
export class PgliteStorage extends PgTx implements Storage {
  /** One transaction per chunk: cheap here, and a chunk is stored whole or not at all. */
  readonly importsInTransactions = true;
  private readonly appends: Batcher<Append, void>;

  private constructor(private readonly pg: PGlite) {
    super(pg, new Shared());
    this.appends = appendBatch(pg);
  }

  /**
   * The same work whether or not the number is on the roster: from memory once the roster's
   * numbers are known (a stranger's number: not among them; a resident's: in the cache), by one
   * query otherwise (before warm() has read them, or beyond the caches' bounds).
   */
  override async lookupPerson(idNumber: string) {
    const { rosterIds, persons } = this.shared;
    if (rosterIds.complete && !rosterIds.ids.has(idNumber)) return null;
    const cached = rosterIds.complete ? persons.peek(idNumber) : undefined;
    return cached ? cached.value : super.lookupPerson(idNumber);
  }

  /** A lookup reads the person's whole household next: one query loads both (see queryHousehold). */
  override async findPersonByIdNumber(idNumber: string) {
    const cached = this.shared.persons.peek(idNumber);
    if (cached) return cached.value;
    const loaded = await this.queryHousehold({ idNumber });
    return loaded.members.find((m) => m.idNumber === idNumber) ?? null;
  }

  override order(orderNo: string) {
    return this.shared.orders.get(orderNo, () => super.order(orderNo));
  }

  override async household(householdId: string) {
    const cached = this.shared.households.peek(householdId);
    if (cached) return cached.value;
    return (await this.loadHousehold(householdId)).household;
  }

  override async householdMembers(householdId: string) {
    const cached = this.shared.members.peek(householdId);
    if (cached) return cached.value;
    return (await this.loadHousehold(householdId)).members;
  }

  override async identitiesOf(idNumbers: string[]) {
    const found = await this.shared.identities.getMany(idNumbers, async (missing) => {
      const byId = new Map<string, IdentityRecord[]>(missing.map((id) => [id, []]));
      for (const i of await super.identitiesOf(missing)) byId.get(i.idNumber)?.push(i);
      return byId;
    });
    return [...found.values()].flat();
  }

  override async enrolmentsOf(personIds: string[], policyId: string) {
    const found = await this.shared.enrolments.getMany(personIds, async (missing) => {
      const byPerson = new Map<string, EnrolmentRecord[]>(missing.map((id) => [id, []]));
      for (const r of await this.sql.query<Row>('select * from enrolments where person_id = any($1)', [missing]).then((q) => q.rows)) {
        byPerson.get(r.person_id as string)?.push(toEnrolment(r));
      }
      return byPerson;
    });
    return [...found.values()].flat().filter((e) => e.policyId === policyId);
  }

  private readonly loading = new Map<string, Promise<LoadedHousehold>>();

  /**
   * Everything a quote reads of a household in one query — the household, its members, their
   * identities and enrolments — into the caches. Concurrent callers share one load.
   */
  private loadHousehold(householdId: string): Promise<LoadedHousehold> {
    let load = this.loading.get(householdId);
    if (!load) {
      const versions = this.versions();
      load = this.queryHouseholds('select $1::text as id', [householdId], versions)
        .then((found) => found[0] ?? this.rememberMissing({ householdId }, versions))
        .finally(() => this.loading.delete(householdId));
      this.loading.set(householdId, load);
    }
    return load;
  }

  /** The household of whoever holds `idNumber`, if anyone. */
  private async queryHousehold(by: { idNumber: string }): Promise<LoadedHousehold> {
    const versions = this.versions();
    const [found] = await this.queryHouseholds('select household_id as id from persons where id_number = $1', [by.idNumber], versions);
    return found ?? this.rememberMissing(by, versions);
  }

  /**
   * Loads the roster into the caches, a page of households per query, until they are full, so a
   * lookup or quote reads no rows (a county's roster fits; the rest loads on demand). Returns how
   * many households are held.
   */
  async warm(onPage?: (households: number) => void): Promise<number> {
    const { households, persons, rosterIds } = this.shared;
    // Every ID number on the roster (numbers written meanwhile are added by upsertPersons).
    for (const r of await this.rows('select id_number from persons where id_number is not null', [])) rosterIds.ids.add(r.id_number as string);
    rosterIds.complete = true;
    let after = '';
    for (;;) {
      if (households.size() + WARM_PAGE > households.limit || persons.size() + WARM_PAGE * 8 > persons.limit) break;
      const page = await this.queryHouseholds('select household_id as id from households where household_id > $1 order by household_id limit $2', [after, WARM_PAGE], this.versions());
      if (page.length === 0) break;
      after = page[page.length - 1]!.household!.householdId;
      onPage?.(households.size());
      // Let requests that arrive meanwhile in: each page is one statement, not the whole roster.
      await new Promise((r) => setImmediate(r));
    }
    return households.size();
  }

  /**
   * Households whose ids `which` selects (a query on $1…), each with members, identities and
   * enrolments, stored in the caches unless a write came in between. One indexed, set-based query
   * per table, whatever the number of households: start-up time does not grow with enrolments.
   */
  private async queryHouseholds(which: string, params: unknown[], versions: Versions): Promise<LoadedHousehold[]> {
    const { persons, households, members, identities, enrolments } = this.shared;
    const ids = [...new Set((await this.rows(which, params)).map((r) => r.id as string))];
    if (ids.length === 0) return [];
    const householdRows = await this.rows('select * from households where household_id = any($1)', [ids]);
    const memberRows = await this.rows('select * from persons where household_id = any($1) order by birth_date, person_id', [ids]);
    const idNumbers = memberRows.map((m) => m.id_number as string | null).filter((n): n is string => n !== null);
    const identityRows = idNumbers.length > 0 ? await this.rows('select * from identities where id_number = any($1)', [idNumbers]) : [];
    const enrolmentRows = memberRows.length > 0 ? await this.rows('select * from enrolments where person_id = any($1)', [memberRows.map((m) => m.person_id)]) : [];
    const byHousehold = new Map<string, PersonRecord[]>(ids.map((id) => [id, []]));
    for (const m of memberRows) byHousehold.get(m.household_id as string)?.push(toPerson(m));
    const byIdNumber = new Map<string, IdentityRecord[]>(idNumbers.map((n) => [n, []]));
    for (const i of identityRows) byIdNumber.get(i.id_number as string)?.push(toIdentity(i));
    const byPerson = new Map<string, EnrolmentRecord[]>(memberRows.map((m) => [m.person_id as string, []]));
    for (const e of enrolmentRows) byPerson.get(e.person_id as string)?.push(toEnrolment(e));
    const householdById = new Map(householdRows.map((h) => [h.household_id as string, h]));
    return ids.map((householdId) => {
      const h = householdById.get(householdId);
      const people = byHousehold.get(householdId)!;
      const household = h ? { householdId, region: h.region as string, unit: h.unit as string } : null;
      households.storeIf(versions[0], householdId, household);
      members.storeIf(versions[1], householdId, people);
      for (const p of people) {
        if (p.idNumber) persons.storeIf(versions[4], p.idNumber, p);
        if (p.idNumber) identities.storeIf(versions[2], p.idNumber, byIdNumber.get(p.idNumber) ?? []);
        enrolments.storeIf(versions[3], p.personId, byPerson.get(p.personId) ?? []);
      }
      return { household, members: people };
    });
  }

  /** The caches' versions before a load: what it stores is dropped if a write came in between. */
  private versions(): Versions {
    const { persons, households, members, identities, enrolments } = this.shared;
    return [households.version(), members.version(), identities.version(), enrolments.version(), persons.version()];
  }

  /** Remembers that nothing is there (an unknown ID number, a household without rows). */
  private rememberMissing(by: { householdId: string } | { idNumber: string }, versions: Versions): LoadedHousehold {
    const { persons, households, members } = this.shared;
    if ('householdId' in by) {
      households.storeIf(versions[0], by.householdId, null);
      members.storeIf(versions[1], by.householdId, []);
    } else persons.storeIf(versions[4], by.idNumber, null);
    return { household: null, members: [] };
  }

  override async hasAccess(openid: string, householdId: string) {
    if (this.shared.granted.has(`${openid} ${householdId}`)) return true;
    const granted = await super.hasAccess(openid, householdId);
    if (granted) this.shared.rememberGrant(openid, householdId);
    return granted;
  }

  override async grantAccess(openid: string, householdId: string, memberId: string, at: number) {
    await this.appends.add({ grant: { openid, householdId, memberId, at } });
    this.shared.rememberGrant(openid, householdId);
  }

  override async audit(...entries: AuditEntry[]) {
    await Promise.all(entries.map((audit) => this.appends.add({ audit })));
  }

  /** Committed with the other appends of its turn; then cached, since its owner asks for it next. */
  override async insertOrder(order: OrderRecord) {
    this.shared.orders.invalidate([order.orderNo]);
    const version = this.shared.orders.version();
    await this.appends.add({ order });
    this.shared.orders.storeIf(version, order.orderNo, order);
  }

  /**
   * Opens (creating if needed) the database in `dataDir`; without one it lives in memory (tests).
   * `template`, a dump from schemaTemplate(), skips initdb: 0.45 s instead of 2.4 s.
   */
  static async open(dataDir?: string, template?: Blob): Promise<PgliteStorage> {
    const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(template ? { loadDataDir: template } : {}) });
    await pg.exec(SCHEMA);
    if ((await pg.query('select 1 from unit_counts limit 1')).rows.length === 0) await pg.exec(BACKFILL_UNIT_COUNTS);
    return new PgliteStorage(pg);
  }

  /** An empty database with the schema, dumped, to open many fresh copies of quickly. */
  static async schemaTemplate(): Promise<Blob> {
    const pg = await PGlite.create();
    await pg.exec(SCHEMA);
    const dump = await pg.dumpDataDir('none');
    await pg.close();
    return dump;
  }

  transaction<T>(work: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => work(new PgTx(tx, this.shared)));
  }

  /** Raw SQL for seeding and operator imports. */
  get sql(): PGlite {
    return this.pg;
  }

  async close(): Promise<void> {
    await this.appends.idle();
    await this.pg.close();
  }
}
