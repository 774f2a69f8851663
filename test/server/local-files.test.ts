/** Local uploads (the stand-in for cloud storage): an import never finished is swept after its retention. */
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFiles } from '../../src/server/local-files';

const upload = (files: LocalFiles, text: string) =>
  files.save(
    (async function* () {
      yield Buffer.from(text);
    })(),
    1e6,
  );

describe('LocalFiles', () => {
  it('sweeps uploads older than the retention and keeps newer ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-uploads-'));
    const files = new LocalFiles(dir);
    const old = await upload(files, '户编号\n');
    const fresh = await upload(files, '户编号\n');
    const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir, old.replace('local://', '')), dayAgo, dayAgo);
    expect(await files.sweep(24 * 60 * 60 * 1000)).toBe(1);
    expect(await files.size(old)).toBeNull();
    expect(await files.size(fresh)).toBe(Buffer.byteLength('户编号\n'));
    await files.remove(fresh);
    expect(await files.size(fresh)).toBeNull();
  });
});
