/**
 * Big imports from an uploaded file (cloud storage on CloudBase, a folder locally), a window per
 * call, on the real embedded database: records cut by a window stay whole, rows keep their line
 * numbers, and a file in the wrong encoding is refused with a message an operator can act on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/civil-date';
import { WINDOW } from '../../src/core/use-cases/import-file';
import { idNumber } from '../support/people';
import { backend, type Backend } from './harness';

const OPERATOR = 'o-operator';
const HEADER = '户编号,地区,村社区,姓名,证件号码';

let b: Backend;
beforeEach(async () => {
  b = await backend('2021-11-02T10:00:00', []);
  await b.addOperator(OPERATOR, '测试经办人');
});
afterEach(async () => b.close());

const upload = (content: string | Buffer) => b.upload(content);

/** Calls importRoster until the file is done; the merged report and how many calls it took. */
async function importAll(fileID: string, openid = OPERATOR) {
  const merged = { rows: 0, imported: 0, unchanged: 0, rejected: [] as Array<{ line: number; reason: string }> };
  let from: unknown;
  let calls = 0;
  do {
    const r = await b.call(openid, 'importRoster', { kind: 'roster', fileID, ...(from ? { from } : {}) });
    if (!r.ok) return { error: r.error, calls };
    calls++;
    merged.rows += r.data.rows;
    merged.imported += r.data.imported;
    merged.unchanged += r.data.unchanged;
    merged.rejected.push(...r.data.rejected);
    expect(r.data.bytesDone).toBeLessThanOrEqual(r.data.bytesTotal);
    from = r.data.next;
  } while (from);
  return { report: merged, calls };
}

const row = (i: number, unit = '天中街道') => `F${i},dingtao,${unit},居民${i},${idNumber('371703', addDays('1940-01-01', i), '011')}`;

describe('importRoster from an uploaded file', () => {
  it('imports a file larger than a window; a record cut by a window stays whole; rows keep their lines', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => row(i));
    // Make the record that straddles the first window's end a quoted field with a line break in it.
    let offset = 0;
    const straddling = rows.findIndex((r) => (offset += Buffer.byteLength(`${r}\r\n`)) > WINDOW);
    rows[straddling] = row(straddling, '"天中\n街道"');
    rows[straddling + 5] = `F-BAD,dingtao,天中街道,坏号,37170320010101001Z`;
    const fileID = await upload([HEADER, ...rows].join('\r\n'));

    const first = await importAll(fileID);
    expect(first.calls).toBeGreaterThan(1);
    // The header is line 1 and the quoted record takes two lines: the bad row is on line straddling + 5 + 3.
    expect(first.report).toEqual({ rows: 1500, imported: 1499, unchanged: 0, rejected: [{ line: straddling + 8, reason: '证件号码不正确（位数、出生日期或校验位）' }] });
    const members = await b.storage.householdMembers(`F${straddling}`);
    expect(members.map((m) => m.name)).toEqual([`居民${straddling}`]);
    expect((await b.storage.household(`F${straddling}`))?.unit).toBe('天中\n街道');

    // Imported, the file (names and ID numbers) is gone; the same roster uploaded again changes nothing.
    expect(await b.files.size(fileID)).toBeNull();
    const again = await importAll(await upload([HEADER, ...rows].join('\r\n')));
    expect(again.report).toMatchObject({ rows: 1500, imported: 0, unchanged: 1499 });
  }, 60_000);

  it('refuses what an operator can fix, each with its reason', async () => {
    const gbk = Buffer.from([...Buffer.from(`${HEADER}\nG1,dingtao,`), 0xcc, 0xec, 0xd6, 0xd0, ...Buffer.from(`,某,${idNumber('371703', '1980-01-01')}\n`)]);
    expect((await importAll(await upload(gbk))).error).toMatchObject({ code: 'NOT_UTF8', message: expect.stringContaining('CSV UTF-8') });
    expect((await importAll('local://000000000000000000000000.csv')).error?.code).toBe('NO_FILE');
    expect((await importAll('../../etc/passwd')).error?.code).toBe('NO_FILE');
    const fine = await upload(`${HEADER}\n${row(1)}\n`);
    expect((await importAll(fine, 'o-resident')).error?.code).toBe('NOT_OPERATOR');
    expect((await b.call(OPERATOR, 'importRoster', { kind: 'roster', fileID: fine, from: { byte: 1e6, line: 2 } })).error.code).toBe('BAD_CURSOR');
    expect((await b.call(OPERATOR, 'importRoster', { kind: 'roster', fileID: fine, csv: 'x' })).error.code).toBe('INVALID_EVENT');
    const unclosed = await upload(`${HEADER}\nU1,dingtao,"天中街道,某,${'x'.repeat(WINDOW)}\n${row(2)}\n`);
    expect((await importAll(unclosed)).error).toMatchObject({ code: 'ROW_TOO_LONG', message: expect.stringContaining('第2行') });
  });

  it('a cursor pointing anywhere, even inside a record, gets an answer, never an internal error', async () => {
    const content = [HEADER, ...Array.from({ length: 40 }, (_, i) => row(i, i % 7 === 0 ? '"天中\n街道"' : '天中街道'))].join('\n');
    const size = Buffer.byteLength(content);
    for (let byte = 0; byte <= size + 2; byte += 37) {
      // Uploaded each time: a call that finishes the file deletes it.
      const fileID = await upload(content);
      const r = await b.call(OPERATOR, 'importRoster', { kind: 'roster', fileID, from: { byte, line: 2 } });
      if (!r.ok) expect(['BAD_CURSOR', 'BAD_HEADER', 'ROW_TOO_LONG', 'NOT_UTF8']).toContain(r.error.code);
      else expect(r.data.bytesDone).toBeLessThanOrEqual(size);
    }
  }, 60_000);

  it('a file of only its header, with no line end, imports nothing and ends', async () => {
    expect((await importAll(await upload(HEADER))).report).toEqual({ rows: 0, imported: 0, unchanged: 0, rejected: [] });
  });
});
