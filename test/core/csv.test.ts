import { describe, expect, it } from 'vitest';
import { CsvReader, readCsv } from '../../src/core/csv';

describe('CSV reader', () => {
  it('reads quoted commas, "" escapes, line breaks in quotes, CRLF and a byte-order mark, with line numbers', () => {
    const text = '\ufeff姓名,备注\r\n张三,"住址：1号,2栋"\r\n李四,"他说""好""\n第二行"\r\n\r\n王五,\n';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['姓名', '备注'] },
      { line: 2, fields: ['张三', '住址：1号,2栋'] },
      { line: 3, fields: ['李四', '他说"好"\n第二行'] },
      { line: 6, fields: ['王五', ''] },
    ]);
  });

  it('gives the same records however the text is cut into pieces', () => {
    const text = 'a,b\n"x,\n""y""",z\nlast,"q"';
    const whole = readCsv(text);
    for (let cut = 1; cut < text.length; cut++) {
      const r = new CsvReader();
      expect([...r.push(text.slice(0, cut)), ...r.push(text.slice(cut)), ...r.end()]).toEqual(whole);
    }
  });

  it('numbers lines from a given start (a piece of a larger file)', () => {
    const r = new CsvReader(100);
    expect(r.push('h\nrow\n').map((x) => x.line)).toEqual([100, 101]);
  });
});
