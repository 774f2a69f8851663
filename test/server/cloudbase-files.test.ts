/** The CloudBase file adapter reads byte ranges through a temporary URL, as cloud storage serves them. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudbaseFiles } from '../../src/server/cloudbase/files';

const CONTENT = Buffer.from('户编号,地区\nA1,定陶\n'.repeat(100));
let server: Server;
let base = '';

beforeAll(async () => {
  // Range-aware on /ranged (as COS is), whole file on /plain.
  server = createServer((req, res) => {
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (req.url === '/ranged' && range) {
      const [start, end] = [Number(range[1]), Math.min(Number(range[2]), CONTENT.length - 1)];
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${CONTENT.length}`, 'Content-Length': end - start + 1 });
      return res.end(CONTENT.subarray(start, end + 1));
    }
    res.writeHead(200, { 'Content-Length': CONTENT.length });
    res.end(CONTENT);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const app = {
  async getTempFileURL({ fileList }: { fileList: Array<{ fileID: string }> }) {
    const id = fileList[0]!.fileID;
    const known = id === 'cloud://env/ranged.csv' || id === 'cloud://env/plain.csv';
    return { fileList: [{ fileID: id, code: known ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST', tempFileURL: known ? `${base}/${id.slice(12, -4)}` : '' }] };
  },
};

describe('CloudbaseFiles', () => {
  const files = new CloudbaseFiles(app);

  it('knows the size and reads a range, whether or not the storage honours Range', async () => {
    for (const id of ['cloud://env/ranged.csv', 'cloud://env/plain.csv']) {
      expect(await files.size(id)).toBe(CONTENT.length);
      expect(Buffer.from(await files.read(id, 10, 40))).toEqual(CONTENT.subarray(10, 40));
    }
  });

  it('says there is no such file', async () => {
    expect(await files.size('cloud://env/missing.csv')).toBeNull();
  });
});
