/** Local uploads (the stand-in for cloud storage): swept after their retention; proofs read by signed links only. */
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFiles } from '../../src/server/local-files';

const upload = (files: LocalFiles, text: string | Buffer, kind: 'roster' | 'proof' = 'roster') =>
  files.save(
    (async function* () {
      yield Buffer.from(text);
    })(),
    1e6,
    kind,
  );
const DAY = 24 * 60 * 60 * 1000;

describe('LocalFiles', () => {
  it('sweeps uploads older than the retention and keeps newer ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-uploads-'));
    const files = new LocalFiles(dir);
    const old = await upload(files, '户编号\n');
    const fresh = await upload(files, '户编号\n');
    const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir, old.replace('local://', '')), dayAgo, dayAgo);
    expect(await files.sweep(DAY, 30 * DAY)).toBe(1);
    expect(await files.size(old)).toBeNull();
    expect(await files.size(fresh)).toBe(Buffer.byteLength('户编号\n'));
    await files.remove(fresh);
    expect(await files.size(fresh)).toBeNull();
  });

  it('keeps a proof until its own retention, longer than a roster', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-uploads-'));
    const files = new LocalFiles(dir);
    const proof = await upload(files, '%PDF-1.4', 'proof');
    expect(proof).toMatch(/^local:\/\/refund-proofs\/[a-f0-9]{24}$/);
    const daysAgo = (days: number) => (Date.now() - days * DAY) / 1000;
    utimesSync(join(dir, proof.replace('local://', '')), daysAgo(2), daysAgo(2));
    expect(await files.sweep(DAY, 30 * DAY)).toBe(0);
    utimesSync(join(dir, proof.replace('local://', '')), daysAgo(31), daysAgo(31));
    expect(await files.sweep(DAY, 30 * DAY)).toBe(1);
    expect(await files.size(proof)).toBeNull();
  });

  it('serves a proof by a signed link until it expires; a roster has no link', async () => {
    let now = Date.parse('2026-12-02T08:00:00Z');
    const files = new LocalFiles(mkdtempSync(join(tmpdir(), 'yibao-uploads-')), () => now);
    const proof = await upload(files, '%PDF-1.4', 'proof');
    const link = new URL((await files.link(proof, 600))!, 'http://local');
    expect(files.linked(link.pathname, link.searchParams)).toBe(proof);
    // Another file's name, another expiry or a changed signature: refused.
    const other = new URLSearchParams(link.searchParams);
    other.set('expires', String(Number(other.get('expires')) + 1000));
    expect(files.linked(link.pathname, other)).toBeNull();
    expect(files.linked(link.pathname.replace(/[a-f0-9]$/, (c) => (c === '0' ? '1' : '0')), link.searchParams)).toBeNull();
    now += 601_000;
    expect(files.linked(link.pathname, link.searchParams)).toBeNull();
    expect(await files.link(await upload(files, '户编号\n'), 600)).toBeNull();
    await files.remove(proof);
    expect(await files.link(proof, 600)).toBeNull();
  });
});
