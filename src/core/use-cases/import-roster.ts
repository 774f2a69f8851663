/**
 * Operators load the roster (花名册: households and members) and the departments' subsidy lists
 * from CSV. Every row is checked and a rejected row is reported with its line and a reason;
 * accepted rows are written in chunks, each chunk one transaction, so a failure loses nothing that
 * was reported done and a re-run resumes safely: importing the same file again changes nothing.
 */
import { isCivilDate } from '../civil-date';
import { CsvReader, type CsvRecord } from '../csv';
import { readIdNumber } from '../id-number';
import { DEPARTMENT_COLUMNS, DEPARTMENT_REQUIRED, ROSTER_COLUMNS, ROSTER_REQUIRED } from '../roster-columns';
import type { HouseholdRecord, IdentityRecord, PersonRecord, StorageTx } from '../ports';
import { DEPARTMENT_ALIASES, DEPARTMENT_IDENTITIES, IDENTITY_LABELS, identityFromText } from '../vocabulary';
import { allPolicies } from '../../policies/registry';
import type { Deps } from './deps';
import { fail, ok, type Caller, type Result } from './result';

export type ImportKind = { kind: 'roster' } | { kind: 'department'; department: string };

export interface ImportReport {
  rows: number;
  imported: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
  /** How many rejections the report leaves out (it lists the first 1,000). */
  moreRejected: number;
}

const CHUNK = 500;
const MAX_LISTED = 1000;

type Row = Record<string, string>;

class RowError extends Error {}

function yesNo(value: string | undefined, column: string): boolean {
  const v = (value ?? '').trim();
  if (v === '' || v === '否' || v === '0') return false;
  if (v === '是' || v === '1') return true;
  throw new RowError(`“${column}”应填“是”或“否”`);
}

function optionalDate(value: string | undefined, column: string): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (!isCivilDate(v)) throw new RowError(`“${column}”不是有效日期（应为 YYYY-MM-DD）`);
  return v;
}

const YEAR_LIST_PART = /^(\d{4})(?:\s*[-–—~至]\s*(\d{4}))?$/;

/**
 * 参保年度, the coverage years insured in any scheme: "2019-2024", "2019,2021,2023-2024" (、，; too).
 * Empty: not known (read as continuous); "无": never insured.
 */
function enrolledYearsFrom(value: string | undefined): number[] | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (v === '无') return [];
  const years = new Set<number>();
  for (const part of v.split(/[,，、;；\s]+/).filter(Boolean)) {
    const m = YEAR_LIST_PART.exec(part);
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || from < 1990 || to > 2100 || from > to) throw new RowError(`“参保年度”中的“${part}”应为年份或年份区间，如 2019-2024`);
    for (let y = from; y <= to; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

function regionCode(text: string): string {
  const t = text.trim();
  const p = allPolicies().find((x) => x.region.code === t || x.region.name === t);
  if (!p) throw new RowError(`地区“${t}”不在本系统的地区中`);
  return p.region.code;
}

function checkedId(text: string): { idNumber: string; birthDate: string } {
  const idNumber = text.trim().toUpperCase();
  const id = readIdNumber(idNumber);
  if (!id.ok) throw new RowError('证件号码不正确（位数、出生日期或校验位）');
  return { idNumber, birthDate: id.facts.birthDate };
}

function personFromRow(row: Row, existing: PersonRecord | null, newId: () => string): PersonRecord {
  const { idNumber, birthDate: idBirth } = checkedId(row.idNumber ?? '');
  const name = (row.name ?? '').trim();
  if (!name) throw new RowError('姓名为空');
  const birthDate = optionalDate(row.birthDate, '出生日期') ?? idBirth;
  if (birthDate !== idBirth) throw new RowError('出生日期与证件号码不一致');
  const hukou = (row.hukou ?? '').trim();
  if (hukou !== '' && hukou !== '本地' && hukou !== '外地') throw new RowError('“户籍”应填“本地”或“外地”');
  const years = (row.employeeYears ?? '').trim();
  const endedOn = optionalDate(row.employeeEndedOn, '职工医保中断日期');
  if ((years === '') !== (endedOn === null)) throw new RowError('“职工医保连续年限”和“职工医保中断日期”须同时填写');
  if (years !== '' && !/^\d{1,2}$/.test(years)) throw new RowError('“职工医保连续年限”应为整数');
  return {
    personId: existing?.personId ?? newId(),
    householdId: (row.householdId ?? '').trim(),
    idNumber,
    birthCertificateNo: existing?.birthCertificateNo ?? null,
    guardianId: existing?.guardianId ?? null,
    name,
    birthDate,
    hukou: hukou === '外地' ? 'nonlocal' : 'local',
    residencePermit: yesNo(row.residencePermit, '居住证'),
    employeeInsured: yesNo(row.employeeInsured, '职工医保'),
    employeeHistory: endedOn ? { continuousYears: Number(years), endedOn } : null,
    school: yesNo(row.school, '在校生'),
    migrantWorker: yesNo(row.migrantWorker, '外出务工'),
    military: yesNo(row.military, '现役军人'),
    prisoner: yesNo(row.prisoner, '服刑人员'),
    leavesOn: optionalDate(row.leavesOn, '复员释放日期'),
    dischargedOn: optionalDate(row.dischargedOn, '退役日期'),
    enrolledYears: enrolledYearsFrom(row.enrolledYears),
    claimFreeLastYear: yesNo(row.claimFreeLastYear, '上年度零报销'),
  };
}

const samePerson = (a: PersonRecord, b: PersonRecord) => JSON.stringify(a) === JSON.stringify(b);

interface Pending {
  line: number;
  row: Row;
}

/** Maps a header row to field names; unknown or missing columns stop the import before any write. */
function readHeader(fields: string[], columns: Record<string, string>, required: string[]): Result<string[]> {
  const names = fields.map((f) => f.trim());
  const unknown = names.filter((n) => !(n in columns));
  if (unknown.length > 0) return fail('BAD_HEADER', `无法识别的列：${unknown.join('、')}。可用的列：${Object.keys(columns).join('、')}`);
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length > 0) return fail('BAD_HEADER', `缺少必填列：${missing.join('、')}`);
  return ok(names.map((n) => columns[n]!));
}

export interface ImportInput {
  what: ImportKind;
  /** The CSV: a small file, or one window of a large one (see import-file.ts). */
  text: string;
  /** Line number of the header in the whole file, when this text is one window of a larger file. */
  firstLine?: number;
}

/** Control characters other than tab and line ends (which CSV quoting allows inside a field). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export async function importCsv(deps: Deps, caller: Caller, input: ImportInput): Promise<Result<ImportReport>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以导入名单');
  let department = '';
  if (input.what.kind === 'department') {
    department = DEPARTMENT_ALIASES[input.what.department] ?? input.what.department;
    if (!(department in DEPARTMENT_IDENTITIES)) return fail('UNKNOWN_DEPARTMENT', `部门应为：${Object.keys(DEPARTMENT_IDENTITIES).join('、')}`);
  }
  const roster = input.what.kind === 'roster';
  const report: ImportReport = { rows: 0, imported: 0, unchanged: 0, rejected: [], moreRejected: 0 };
  const reject = (line: number, reason: string) => {
    if (report.rejected.length < MAX_LISTED) report.rejected.push({ line, reason });
    else report.moreRejected++;
  };
  const seen = new Map<string, number>();
  let header: string[] | null = null;
  let pending: Pending[] = [];

  const writeChunk = async (rows: Pending[]) => {
    const inChunk = <T>(work: (tx: StorageTx) => Promise<T>) => (deps.storage.importsInTransactions ? deps.storage.transaction(work) : work(deps.storage));
    const outcome = await inChunk(async (tx) => {
      const results = roster ? await writeRosterRows(tx, rows) : await writeIdentityRows(tx, rows, department);
      await tx.audit({ at: deps.clock.now(), openid: caller.openid, action: 'importCsv', subject: roster ? 'roster' : department, outcome: `${rows.length} rows` });
      return results;
    });
    outcome.forEach((result, i) => {
      if (result === 'imported') report.imported++;
      else if (result === 'unchanged') report.unchanged++;
      else reject(rows[i]!.line, result);
    });
  };

  /** What became of each row: imported, unchanged, or why it was rejected. */
  const each = <T>(rows: Pending[], decide: (row: Row) => T): Array<T | string> =>
    rows.map((p) => {
      try {
        return decide(p.row);
      } catch (error) {
        if (error instanceof RowError) return error.message;
        throw error;
      }
    });

  // A chunk reads what it needs in two queries and writes in at most two statements; rows are
  // decided in order against what the rows before them wrote (members of one household in a row).
  const writeRosterRows = async (tx: StorageTx, rows: Pending[]): Promise<string[]> => {
    const idOf = (row: Row) => (row.idNumber ?? '').trim().toUpperCase();
    const existing = new Map((await tx.findPersonsByIdNumbers(rows.map((p) => idOf(p.row)).filter(Boolean))).map((p) => [p.idNumber!, p]));
    const households = new Map((await tx.findHouseholds([...new Set(rows.map((p) => (p.row.householdId ?? '').trim()))])).map((h) => [h.householdId, h]));
    const householdWrites = new Map<string, HouseholdRecord>();
    const personWrites: PersonRecord[] = [];
    const results = each(rows, (row) => {
      const region = regionCode(row.region ?? '');
      const unit = (row.unit ?? '').trim();
      if (!(row.householdId ?? '').trim() || !unit) throw new RowError('户编号或村社区为空');
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(row.householdId!.trim())) throw new RowError('户编号只能由字母、数字、-和_组成');
      const before = existing.get(idOf(row)) ?? null;
      const person = personFromRow(row, before, () => deps.newId('P'));
      const household = households.get(person.householdId);
      const householdSame = household?.region === region && household.unit === unit;
      if (!householdSame) {
        const written = { householdId: person.householdId, region, unit };
        households.set(written.householdId, written);
        householdWrites.set(written.householdId, written);
      }
      if (before && samePerson(before, person) && householdSame) return 'unchanged';
      personWrites.push(person);
      return 'imported';
    });
    if (householdWrites.size > 0) await tx.upsertHouseholds([...householdWrites.values()]);
    if (personWrites.length > 0) await tx.upsertPersons(personWrites);
    return results;
  };

  const writeIdentityRows = async (tx: StorageTx, rows: Pending[], dept: string): Promise<string[]> => {
    const ids = rows.map((p) => (p.row.idNumber ?? '').trim().toUpperCase()).filter(Boolean);
    const persons = new Map((await tx.findPersonsByIdNumbers(ids)).map((p) => [p.idNumber!, p]));
    const current = new Map((await tx.identitiesOf(ids)).map((i) => [`${i.idNumber} ${i.identity}`, i]));
    const writes: IdentityRecord[] = [];
    const results = each(rows, (row) => {
      const { idNumber } = checkedId(row.idNumber ?? '');
      const identity = identityFromText(row.identity ?? '');
      if (!identity) throw new RowError(`身份“${(row.identity ?? '').trim()}”无法识别`);
      if (!DEPARTMENT_IDENTITIES[dept]!.includes(identity)) throw new RowError(`“${IDENTITY_LABELS[identity]}”不由${dept}认定`);
      const recognizedOn = optionalDate(row.recognizedOn, '认定日期');
      const person = persons.get(idNumber);
      if (person && person.name !== (row.name ?? '').trim()) throw new RowError('姓名与花名册不符');
      const now = current.get(`${idNumber} ${identity}`);
      if (now && now.department === dept && now.recognizedOn === recognizedOn) return 'unchanged';
      writes.push({ idNumber, identity, department: dept, recognizedOn });
      return 'imported';
    });
    if (writes.length > 0) await tx.upsertIdentities(writes);
    return results;
  };

  const take = async (records: CsvRecord[]): Promise<Result<null>> => {
    for (const record of records) {
      if (!header) {
        const h = roster ? readHeader(record.fields, ROSTER_COLUMNS, ROSTER_REQUIRED) : readHeader(record.fields, DEPARTMENT_COLUMNS, DEPARTMENT_REQUIRED);
        if (!h.ok) return h;
        header = h.data;
        continue;
      }
      report.rows++;
      if (record.fields.length !== header.length) {
        reject(record.line, `应有${header.length}列，实有${record.fields.length}列`);
        continue;
      }
      // A NUL or another control character (carried over from another system) would be stored and
      // shown as garbage, and the database refuses NUL: the row goes back with its line.
      if (record.fields.some((f) => CONTROL.test(f))) {
        reject(record.line, '含有不可见的控制字符（可能从其他系统复制带入），请删除后重新导入这一行');
        continue;
      }
      const row: Row = Object.fromEntries(header.map((name, i) => [name, record.fields[i]!]));
      const key = `${(row.idNumber ?? '').trim().toUpperCase()}|${row.identity ?? ''}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        reject(record.line, `与第${earlier}行重复`);
        continue;
      }
      seen.set(key, record.line);
      pending.push({ line: record.line, row });
      if (pending.length >= CHUNK) {
        const chunk = pending;
        pending = [];
        await writeChunk(chunk);
      }
    }
    return ok(null);
  };

  const reader = new CsvReader(input.firstLine ?? 1);
  const taken = await take(reader.push(input.text));
  if (!taken.ok) return taken;
  const last = await take(reader.end());
  if (!last.ok) return last;
  if (!header) return fail('EMPTY_FILE', '文件是空的');
  if (pending.length > 0) await writeChunk(pending);
  return ok(report);
}
