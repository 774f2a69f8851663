/**
 * Uploaded files in local mode: a folder (under the data folder, so uploads survive a restart)
 * standing in for CloudBase cloud storage. A file is named by a random id: "local://<id>.csv" for
 * an operator's roster, "local://refund-proofs/<id>" for a resident's proof; nothing a caller sends
 * ever becomes a path. A proof is read by a link signed with this process's key, valid minutes, as
 * a temporary download URL is on CloudBase.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { FileStore } from '../core/ports';
import { PROOF_FOLDER } from '../core/proof';

const FILE_ID = /^local:\/\/((?:refund-proofs\/[a-f0-9]{24})|(?:[a-f0-9]{24}\.csv))$/;
const LINK = /^\/files\/(refund-proofs\/[a-f0-9]{24})$/;

/** What an upload is: an operator's roster, or a resident's refund proof. */
export type UploadKind = 'roster' | 'proof';

export class FileTooLarge extends Error {}

export class LocalFiles implements FileStore {
  private readonly linkKey = randomBytes(32);

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  private path(fileID: string): string | null {
    const name = FILE_ID.exec(fileID)?.[1];
    return name ? join(this.dir, name) : null;
  }

  /** Stores an upload (as wx.cloud.uploadFile would) and returns its fileID; nothing is kept past `limit` bytes. */
  async save(body: AsyncIterable<Buffer>, limit: number, kind: UploadKind = 'roster'): Promise<string> {
    mkdirSync(join(this.dir, PROOF_FOLDER), { recursive: true });
    const id = randomBytes(12).toString('hex');
    const name = kind === 'proof' ? `${PROOF_FOLDER}/${id}` : `${id}.csv`;
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

  /** A link to the file valid for `seconds` (GET, served by `linked`), or null when there is no such file. */
  async link(fileID: string, seconds: number): Promise<string | null> {
    const name = FILE_ID.exec(fileID)?.[1];
    if (!name?.startsWith(PROOF_FOLDER) || (await this.size(fileID)) === null) return null;
    const expires = this.now() + seconds * 1000;
    return `/files/${name}?expires=${expires}&sig=${this.signature(name, expires)}`;
  }

  /** The fileID a link names, if its signature holds and it has not expired. */
  linked(path: string, query: URLSearchParams): string | null {
    const name = LINK.exec(path)?.[1];
    const expires = Number(query.get('expires'));
    const given = Buffer.from(query.get('sig') ?? '');
    if (!name || !Number.isSafeInteger(expires) || expires < this.now()) return null;
    const expected = Buffer.from(this.signature(name, expires));
    return given.length === expected.length && timingSafeEqual(given, expected) ? `local://${name}` : null;
  }

  private signature(name: string, expires: number): string {
    return createHmac('sha256', this.linkKey).update(`${name}|${expires}`).digest('base64url');
  }

  /**
   * Deletes uploads older than their retention (rosters never imported, proofs never reviewed);
   * answers how many. By the real time, as the files' own times are, not the sandbox date.
   */
  async sweep(rosterMaxAgeMs: number, proofMaxAgeMs: number, now = Date.now()): Promise<number> {
    const old = async (folder: string, pattern: RegExp, maxAgeMs: number) => {
      let names: string[] = [];
      try {
        names = await readdir(join(this.dir, folder));
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names.filter((n) => pattern.test(n))) {
        const path = join(this.dir, folder, name);
        if (now - (await stat(path)).mtimeMs > maxAgeMs) {
          await rm(path, { force: true });
          removed++;
        }
      }
      return removed;
    };
    return (await old('', /^[a-f0-9]{24}\.csv$/, rosterMaxAgeMs)) + (await old(PROOF_FOLDER, /^[a-f0-9]{24}$/, proofMaxAgeMs));
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
