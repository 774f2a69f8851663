/** Operators importing the roster and the departments' lists, on the real embedded database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/civil-date';
import { idNumber } from '../support/people';
import { backend, type Backend } from './harness';

const OPERATOR = 'o-operator';

let b: Backend;
beforeEach(async () => {
  b = await backend('2021-11-02T10:00:00', []);
  await b.addOperator(OPERATOR, '测试经办人');
});
afterEach(async () => b.close());

const A = idNumber('341302', '1980-03-03', '011');
const B = idNumber('341302', '1982-04-04', '022');
const C = idNumber('341302', '2010-05-05', '031');
const ROSTER = [
  '户编号,地区,村社区,姓名,证件号码,户籍,职工医保,在校生',
  `QX-9001,qixian,蕲县村,王一,${A},本地,否,否`,
  `QX-9001,蕲县镇,蕲县村,李二,${B},,是,`,
  `QX-9002,qixian,"邱元村",王三,${C},本地,否,是`,
].join('\n');

const roster = (csv: string, openid = OPERATOR) => b.call(openid, 'importRoster', { kind: 'roster', csv });
const dept = (department: string, csv: string) => b.call(OPERATOR, 'importRoster', { kind: 'department', department, csv });

describe('importRoster: 花名册', () => {
  it('imports households and members; the same file again changes nothing', async () => {
    expect((await roster(ROSTER)).data).toEqual({ rows: 3, imported: 3, unchanged: 0, rejected: [], moreRejected: 0 });
    expect((await roster(ROSTER)).data).toMatchObject({ rows: 3, imported: 0, unchanged: 3 });
    const found = await b.call('o-resident', 'lookupHousehold', { name: '王一', idNumber: A });
    expect(found.data.members).toHaveLength(2);
    const q = await b.call('o-resident', 'quote', { householdId: 'QX-9001' });
    expect(q.data.members.map((m: any) => m.outcome)).toEqual(['pay', 'ineligible']);
  });

  it('a changed row is imported again (a member moved household)', async () => {
    await roster(ROSTER);
    const moved = ROSTER.replace(`QX-9002,qixian,"邱元村",王三`, `QX-9001,qixian,蕲县村,王三`);
    expect((await roster(moved)).data).toMatchObject({ imported: 1, unchanged: 2 });
  });

  it('reports every bad row with its line and a reason, and imports the rest', async () => {
    const csv = [
      '户编号,地区,村社区,姓名,证件号码,出生日期,居住证',
      `QX-9003,qixian,蕲县村,好人,${A},,否`,
      `QX-9003,qixian,蕲县村,坏号,${A.slice(0, 17)}${A.endsWith('1') ? '2' : '1'},,否`,
      `QX-9003,qixian,蕲县村,错日,${B},1982-04-05,否`,
      `QX-9003,mars,蕲县村,外星,${C},,否`,
      `QX-9003,qixian,蕲县村,好人,${A},,否`,
      `QX-9003,qixian,蕲县村,少列,${C}`,
      `QX-9003,qixian,蕲县村,乱填,${idNumber('341302', '1999-09-09', '091')},,也许`,
      `QX-9003,qixian,蕲县村,空\u0000字,${idNumber('341302', '1999-09-09', '092')},,否`,
    ].join('\r\n');
    const r = (await roster(csv)).data;
    expect(r).toMatchObject({ rows: 8, imported: 1 });
    expect(r.rejected).toEqual([
      { line: 6, reason: '与第2行重复' },
      { line: 7, reason: '应有7列，实有5列' },
      { line: 9, reason: '含有不可见的控制字符（可能从其他系统复制带入），请删除后重新导入这一行' },
      { line: 3, reason: '证件号码不正确（位数、出生日期或校验位）' },
      { line: 4, reason: '出生日期与证件号码不一致' },
      { line: 5, reason: '地区“mars”不在本系统的地区中' },
      { line: 8, reason: '“居住证”应填“是”或“否”' },
    ]);
  });

  it('refuses a file whose header it cannot read, before writing anything', async () => {
    const r = await roster(`户号,地区,村社区,姓名,证件号码\nQX-1,qixian,x,y,${A}`);
    expect(r.error).toMatchObject({ code: 'BAD_HEADER', message: expect.stringContaining('户号') });
    expect(await b.personCount()).toBe(0);
  });

  it('only operators may import', async () => {
    expect((await roster(ROSTER, 'o-resident')).error.code).toBe('NOT_OPERATOR');
  });

  it('writes in chunks of 500 rows, each one transaction with its audit line', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `H${i},qixian,蕲县村,人${i},${idNumber('341302', addDays('1950-01-01', i), '001')}`);
    const r = await roster(['户编号,地区,村社区,姓名,证件号码', ...rows].join('\n'));
    expect(r.data.rows).toBe(1200);
    const audit = (await b.auditLog()).filter((a) => a.action === 'importCsv');
    expect(audit.map((a) => a.outcome)).toEqual(['500 rows', '500 rows', '200 rows']);
  });
});

describe('importRoster: department subsidy lists', () => {
  beforeEach(async () => {
    await roster(ROSTER);
  });

  it('民政 list: dibao by label, 五保户 by synonym; the quote applies them', async () => {
    const r = await dept('民政局', `证件号码,姓名,身份,认定日期\n${A},王一,低保对象,\n${B},李二,五保户,2021-10-01`);
    expect(r.data).toMatchObject({ imported: 2, rejected: [] });
    await b.call('o-resident', 'lookupHousehold', { name: '王一', idNumber: A });
    const q = await b.call('o-resident', 'quote', { householdId: 'QX-9001' });
    expect(q.data.members[0]).toMatchObject({ due: '40.00', subsidy: { identity: 'dibao' } });
    expect((await dept('民政', `证件号码,姓名,身份,认定日期\n${A},王一,低保对象,`)).data).toMatchObject({ imported: 0, unchanged: 1 });
  });

  it('a department may only certify its own identities, and names must match the roster', async () => {
    const r = await dept('民政', `证件号码,姓名,身份\n${A},王一,重度残疾人\n${B},李三,低保对象\n${C},王三,有钱人`);
    expect(r.data.rejected.map((x: any) => x.reason)).toEqual(['“重度残疾人”不由民政认定', '姓名与花名册不符', '身份“有钱人”无法识别']);
    expect((await dept('公安', `证件号码,姓名,身份\n${A},王一,低保对象`)).error.code).toBe('UNKNOWN_DEPARTMENT');
  });
});
