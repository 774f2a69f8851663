/**
 * Uploaded files in local mode: a folder (under the data folder, so uploads survive a restart)
 * standing in for CloudBase cloud storage. A file is named by a random id: "local://<id>.csv",
 * nothing a caller sends ever becomes a path.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { FileStore } from '../core/ports';

const FILE_ID = /^local:\/\/([a-f0-9]{24}\.csv)$/;

export class FileTooLarge extends Error {}

export class LocalFiles implements FileStore {
  constructor(private readonly dir: string) {}

  private path(fileID: string): string | null {
    const name = FILE_ID.exec(fileID)?.[1];
    return name ? join(this.dir, name) : null;
  }

  /** Stores an upload (as wx.cloud.uploadFile would) and returns its fileID; nothing is kept past `limit` bytes. */
  async save(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
    mkdirSync(this.dir, { recursive: true });
    const name = `${randomBytes(12).toString('hex')}.csv`;
    const path = join(this.dir, name);
    const out = createWriteStream(path);
    let size = 0;
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) throw new FileTooLarge();
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
      await rm(path, { force: true });
      throw error;
    }
    return `local://${name}`;
  }

  async size(fileID: string): Promise<number | null> {
    const path = this.path(fileID);
    if (!path) return null;
    try {
      return (await stat(path)).size;
    } catch {
      return null;
    }
  }

  async remove(fileID: string): Promise<void> {
    const path = this.path(fileID);
    if (path) await rm(path, { force: true });
  }

  /** Deletes uploads older than `maxAgeMs` (imports never finished); answers how many. */
  async sweep(maxAgeMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    for (const name of names.filter((n) => /^[a-f0-9]{24}\.csv$/.test(n))) {
      const path = join(this.dir, name);
      if (now - (await stat(path)).mtimeMs > maxAgeMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  async read(fileID: string, start: number, end: number): Promise<Uint8Array> {
    const path = this.path(fileID);
    if (!path) throw new Error('no such file');
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, end - start));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }
}
