/** The command line exactly as QUOTE_API.md runs it: npm run --silent, JSON Lines in and out. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { idNumber } from '../support/people';

function run(script: 'quote' | 'refund', input: string, env: Record<string, string> = {}) {
  const r = spawnSync('npm', ['run', '--silent', script], { input, encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, lines: r.stdout.split('\n').filter((l) => l !== ''), stderr: r.stderr };
}

const ok = (ref: string, extra = '') =>
  `{"ref":"${ref}","policy":"qixian-2022","paidOn":"2021-11-02","household":[{"id":"341302198001010011","name":"王五","identities":["poverty_relapsed"]}]${extra}}`;

describe('npm run --silent quote', () => {
  it('answers every line in order, errors included, and exits 0', () => {
    const input = [
      ok('a'),
      '{not json',
      '{"ref":"c","policy":"tengzhou-2021","paidOn":"2021-02-30","household":[{"id":"370481194601010012","name":"李四"}]}',
      '{"ref":"d","policy":"tengzhou-2021","paidOn":"2020-12-01","household":[{"id":"370481194601010013","name":"李四"}]}',
      '{"ref":"e","policy":"mars-2030","paidOn":"2020-12-01","household":[{"id":"370481194601010012","name":"李四"}]}',
      '{"ref":"f","policy":"tengzhou-2021","paidOn":"2020-12-01","household":[{"id":"370481194601010012","name":"李四","identities":["rich"]}]}',
      '{"ref":"g","policy":"tengzhou-2021","paidOn":"2020-12-01","household":[]}',
      '{"ref":"h","policy":"tengzhou-2021","paidOn":"2020-10-31","household":[{"id":"370481194601010012","name":"李四"}]}',
      '',
      ok('j'),
    ].join('\r\n');
    const r = run('quote', input);
    expect(r.status).toBe(0);
    const out = r.lines.map((l) => JSON.parse(l));
    expect(out).toHaveLength(10);
    expect(out[0]).toMatchObject({ ref: 'a', totalDue: '70.00', members: [{ outcome: 'pay', due: '70.00', subsidy: { identity: 'poverty_relapsed', amount: '250.00', timing: 'offset' } }] });
    expect(out.slice(1, 9).map((o) => o.error?.code)).toEqual([
      'BAD_JSON', 'INVALID_DATE', 'INVALID_ID', 'UNKNOWN_POLICY', 'UNKNOWN_IDENTITY', 'INVALID_REQUEST', 'NOT_YET_OPEN', 'BAD_JSON',
    ]);
    expect(out.slice(1, 9).map((o) => o.ref)).toEqual([null, 'c', 'd', 'e', 'f', 'g', 'h', null]);
    for (const o of out.slice(1, 9)) expect(o.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(out[9].ref).toBe('j');
    expect(r.lines.join('\n')).not.toContain('370481194601010013');
  });

  it('answers the contract examples', () => {
    const r = run('quote', [
      '{"ref":"b","policy":"dingtao-2024","paidOn":"2024-07-20","household":[{"id":"371703202401050015","name":"小明"}]}',
      '{"ref":"c","policy":"tengzhou-2021","paidOn":"2020-12-15","household":[{"id":"370481194601010012","name":"李四","employeeInsured":true}]}',
    ].join('\n'));
    const [b, c] = r.lines.map((l) => JSON.parse(l));
    expect(b.members[0]).toMatchObject({ outcome: 'pay', due: '380.00', coverageStart: '2024-08-01' });
    expect(c.members[0].outcome).toBe('ineligible');
  });

  it('a file with no trailing newline and a byte-order mark still answers its last line', () => {
    const r = run('quote', `\ufeff${ok('x')}\n${ok('y')}`);
    expect(r.lines.map((l) => JSON.parse(l).ref)).toEqual(['x', 'y']);
  });

  it('streams a large input without holding it (10,000 households)', () => {
    const lines = Array.from({ length: 10000 }, (_, i) =>
      JSON.stringify({ ref: String(i), policy: 'dingtao-2024', paidOn: '2024-02-01', household: [{ id: idNumber('371703', '1970-03-03'), name: '甲' }] }),
    );
    const r = run('quote', lines.join('\n') + '\n');
    expect(r.lines).toHaveLength(10000);
    expect(JSON.parse(r.lines[9999]!)).toMatchObject({ ref: '9999', totalDue: '380.00' });
  });

  it('answers a large input through worker threads in input order, exactly as one thread does', () => {
    // ~9 MB: past the 4 MB answered in the main thread, so most batches go to the workers.
    const lines = Array.from({ length: 60000 }, (_, i) => {
      if (i % 997 === 0) return '{"broken":';
      const born = `19${String(30 + (i % 70)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
      return JSON.stringify({ ref: i, policy: i % 2 ? 'qixian-2022' : 'dingtao-2024', paidOn: i % 2 ? '2021-11-20' : '2024-02-01', household: [{ id: idNumber(i % 2 ? '341302' : '371703', born), name: '甲', identities: i % 5 ? [] : ['dibao'] }, { id: idNumber('341302', '2001-02-03', '002'), name: '乙' }] });
    });
    const input = lines.join('\n') + '\n';
    const threaded = run('quote', input, { YIBAO_THREADS: '2' });
    const single = run('quote', input, { YIBAO_THREADS: '0' });
    expect(threaded.lines).toHaveLength(60000);
    expect(threaded.lines).toEqual(single.lines);
    expect(threaded.lines.map((l) => JSON.parse(l).ref)).toEqual(lines.map((l, i) => (l.startsWith('{"broken"') ? null : i)));
  }, 60_000);

  it('refuses a household larger than any real one', () => {
    const household = Array.from({ length: 101 }, (_, i) => ({ id: idNumber('341302', '1990-01-01', String(i).padStart(3, '0')), name: '甲' }));
    const r = run('quote', JSON.stringify({ ref: 'big', policy: 'qixian-2022', paidOn: '2021-11-20', household }));
    expect(JSON.parse(r.lines[0]!).error).toEqual({ code: 'INVALID_REQUEST', message: '字段 household 最多 100 项' });
  });
});

describe('npm run --silent refund', () => {
  it('answers refund lines and bad lines in order', () => {
    const r = run('refund', [
      '{"ref":"r1","policy":"qixian-2022","requestedOn":"2021-12-20","paidOn":"2021-11-02","paidAmount":"320.00","reason":"joined_employee"}',
      '{"ref":"r2","policy":"qixian-2022","requestedOn":"2022-01-01","paidOn":"2021-11-02","paidAmount":"320.00","reason":"duplicate"}',
      '{"ref":"r3","policy":"qixian-2022","requestedOn":"2021-12-20","paidOn":"2021-11-02","paidAmount":"32.001","reason":"duplicate"}',
      '{"ref":"r4","policy":"qixian-2022","requestedOn":"2021-12-20","paidOn":"2021-11-02","paidAmount":"320.00","reason":"bored"}',
    ].join('\n'));
    expect(r.status).toBe(0);
    const out = r.lines.map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ ref: 'r1', eligible: true, amount: '320.00', citations: ['qixian-2022 §八'] });
    expect(out[1]).toMatchObject({ ref: 'r2', eligible: false, amount: '0.00' });
    expect(out[2].error.code).toBe('INVALID_AMOUNT');
    expect(out[3].error.code).toBe('INVALID_REQUEST');
  });
});
