/**
 * A loopback stand-in for CloudBase's server side, spoken to by the real @cloudbase/node-sdk over
 * HTTP exactly as a deployed function speaks to CloudBase: POST /admin with a JSON body naming an
 * `action` and EJSON queries; answers `{requestId, data}` or `{requestId, code, message}`.
 *
 * What it promises, so that the production adapter meets the platform's behaviour and not ours:
 * - Query, update and aggregation semantics come from mingo (MongoDB's, maintained elsewhere).
 * - Transactions: reads see the snapshot the transaction started from (and its own writes); a write
 *   to a document another open transaction has written, or that changed since the snapshot, is
 *   answered DATABASE_TRANSACTION_CONFLICT and aborts the transaction (the SDK then retries);
 *   abort throws every write away. A write outside a transaction waits for the lock, as MongoDB's
 *   does. Inside a transaction only document operations by id (and inserts) are accepted, one at a
 *   time: a second request while one is running is refused (a conservative reading — MongoDB runs
 *   a transaction's operations in order — so the adapter never depends on concurrency there).
 * - Unique indexes as the deployment manifest declares them, with MongoDB's null semantics: a
 *   missing field indexes as null, so two documents without it collide unless the index is partial.
 * - Paging as the server SDK: 100 documents unless a limit is given, never more than 1,000.
 * - Cloud storage: files put here are served with HTTP Range from temporary URLs.
 * - WeChat's open API (wx.api, 云调用): each call is kept in `openApiCalls` and answered with
 *   WeChat's JSON as `responseData` — `{errcode: 0}` unless a test queued another answer.
 * - Every request is counted by action, for the round-trip table in the README.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EJSON } from 'bson';
import { Aggregator, Query, update as applyUpdate } from 'mingo';

type Doc = Record<string, unknown> & { _id: string };
interface Version {
  v: number;
  doc: Doc | null;
}
/** A document to write (null: to remove). */
interface Write {
  coll: string;
  id: string;
  doc: Doc | null;
}
interface Tx {
  start: number;
  busy: boolean;
  writes: Map<string, Write>;
}
export interface IndexSpec {
  collection: string;
  keys: string[];
  unique?: boolean;
  /** Only documents matching this (a MongoDB partialFilterExpression) are indexed. */
  partial?: Record<string, unknown>;
}

class Refusal {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}
const conflict = () => new Refusal('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`;
const clone = <T>(v: T): T => structuredClone(v);
const parse = (text: unknown) => (typeof text === 'string' && text !== '' ? (EJSON.parse(text, { relaxed: true }) as Record<string, unknown>) : {});

export class CloudbaseEmulator {
  private collections = new Map<string, Map<string, Version[]>>();
  private version = 0;
  private txs = new Map<string, Tx>();
  private locks = new Map<string, string>();
  private waiting = new Map<string, Array<() => void>>();
  private files = new Map<string, Uint8Array>();
  private server: Server | undefined;
  private base = '';
  /** wx.api calls (subscription messages), as the SDK sent them, with WeChat's answer. */
  openApiCalls: Array<{ apiName: string; requestData: Record<string, any>; errcode: number }> = [];
  /** WeChat's answers to the next wx.api calls, in order (then errcode 0). */
  openApiAnswers: Array<{ errcode: number; errmsg: string }> = [];
  /** Requests by action since the last reset of the counts. */
  counts = new Map<string, number>();
  /** Milliseconds added to every answer (for cost measurements; tests leave it 0). */
  latencyMs = 0;
  /** False: file downloads ignore Range and send the whole file, as some storage does. */
  honourRange = true;

  constructor(private readonly indexes: IndexSpec[] = []) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The environment a deployed function runs with, pointing the real SDK here. */
  env(openid = ''): Record<string, string> {
    return {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.base}/admin` }),
      TENCENTCLOUD_SECRETID: 'emulator',
      TENCENTCLOUD_SECRETKEY: 'emulator',
      SCF_NAMESPACE: 'yibao-test',
      TENCENTCLOUD: 'true',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_OPENID: openid,
      WX_APPID: 'wx-test',
    };
  }

  /** Forgets every document, file, transaction and count. */
  reset(): void {
    this.collections.clear();
    this.txs.clear();
    this.locks.clear();
    this.files.clear();
    this.counts.clear();
    this.openApiCalls = [];
    this.openApiAnswers = [];
  }

  /** Committed documents of a collection, in insertion order (for assertions). */
  docs(coll: string): Doc[] {
    return [...(this.collections.get(coll)?.values() ?? [])].map((vs) => vs.at(-1)!.doc).filter((d): d is Doc => d !== null).map(clone);
  }

  /** Writes a document outside any transaction (test set-up, e.g. an operator the console would add). */
  put(coll: string, doc: Doc): void {
    this.commitWrites([{ coll, id: doc._id, doc: clone(doc) }]);
  }

  /** A file as if uploaded to cloud storage (by default into `rosters/`); answers its fileID. */
  putFile(bytes: Uint8Array, folder = 'rosters', name = `${randomBytes(8).toString('hex')}.csv`): string {
    const fileID = `cloud://yibao-test.bucket/${folder}/${name}`;
    this.files.set(fileID, bytes);
    return fileID;
  }

  roundTrips(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', this.base);
    if (url.pathname.startsWith('/files/')) return this.serveFile(url, req, res);
    let answer: object;
    let action = '?';
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      action = String(body.action);
      this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
      if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
      answer = { requestId: randomBytes(4).toString('hex'), ...(await this.act(action, body)) };
    } catch (e) {
      const r = e instanceof Refusal ? e : new Refusal('DATABASE_REQUEST_FAILED', `${action}: ${(e as Error).message}`);
      answer = { requestId: randomBytes(4).toString('hex'), code: r.code, message: r.message };
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private serveFile(url: URL, req: IncomingMessage, res: ServerResponse) {
    const bytes = this.files.get(decodeURIComponent(url.pathname.slice('/files/'.length)));
    if (!bytes) return void res.writeHead(404).end();
    const range = this.honourRange ? /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '') : null;
    if (!range) return void res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), bytes.length - 1);
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${bytes.length}` }).end(bytes.subarray(start, end + 1));
  }

  private async act(action: string, p: Record<string, unknown>): Promise<object> {
    const coll = String(p.collectionName ?? '');
    const txId = typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : null;
    const tx = txId ? this.txs.get(txId) : undefined;
    if (txId && !tx) throw new Refusal('DATABASE_TRANSACTION_FAIL', 'transaction not found or already ended');
    if (tx?.busy) throw new Refusal('DATABASE_TRANSACTION_FAIL', 'another operation of this transaction is still running');
    if (tx) tx.busy = true;
    try {
      return await this.dispatch(action, p, coll, txId, tx);
    } catch (e) {
      // MongoDB aborts a transaction on a write conflict; the SDK retries with a new one.
      if (txId && e instanceof Refusal && e.code === 'DATABASE_TRANSACTION_CONFLICT') this.abort(txId);
      throw e;
    } finally {
      if (tx) tx.busy = false;
    }
  }

  private async dispatch(action: string, p: Record<string, unknown>, coll: string, txId: string | null, tx: Tx | undefined): Promise<object> {
    switch (action) {
      case 'database.startTransaction': {
        const id = randomBytes(8).toString('hex');
        this.txs.set(id, { start: this.version, busy: false, writes: new Map() });
        return { transactionId: id };
      }
      case 'database.commitTransaction':
        this.commit(txId!, tx!);
        return {};
      case 'database.abortTransaction':
        this.abort(txId!);
        return {};
      case 'database.getDocument': {
        if (tx && p.queryType !== 'DOC') throw new Refusal('DATABASE_REQUEST_FAILED', 'a transaction supports document operations by id only');
        let cursor = new Query(parse(p.query)).find(this.view(coll, tx));
        if (p.order) cursor = cursor.sort(parse(p.order) as Record<string, 1 | -1>);
        const limit = Math.min(Number(p.limit ?? 100) || 100, 1000);
        const list = cursor.skip(Number(p.offset ?? 0)).limit(limit).all() as Doc[];
        return { data: { list: list.map((d) => EJSON.stringify(d, { relaxed: false })) } };
      }
      case 'database.calculateDocument':
        return { data: { total: new Query(parse(p.query)).find(this.view(coll, tx)).all().length } };
      case 'database.insertDocument': {
        const docs = (p.data as string[]).map((s) => parse(s) as Doc);
        for (const d of docs) d._id ??= randomBytes(12).toString('hex');
        await this.write(
          () => {
            for (const d of docs) if (this.current(coll, d._id, tx)) throw new Refusal('DATABASE_DUPLICATE_WRITE', `duplicate _id ${d._id} in ${coll}`);
            return docs.map((d) => ({ coll, id: d._id, doc: d }));
          },
          txId,
          tx,
        );
        return { data: { insertedIds: docs.map((d) => d._id) } };
      }
      case 'database.modifyDocument': {
        if (tx && p.queryType !== 'DOC') throw new Refusal('DATABASE_REQUEST_FAILED', 'a transaction supports document operations by id only');
        const data = parse(p.data);
        const query = parse(p.query);
        let upsertId: string | null = null;
        const writes = await this.write(
          () => {
            const matched = new Query(query).find(this.view(coll, tx)).all() as Doc[];
            const targets = p.multi ? matched : matched.slice(0, 1);
            upsertId = targets.length === 0 && p.upsert ? (typeof query._id === 'string' ? query._id : randomBytes(12).toString('hex')) : null;
            if (upsertId) return [{ coll, id: upsertId, doc: { ...data, _id: upsertId } as Doc }];
            return targets.map((d) => {
              if (!p.merge) return { coll, id: d._id, doc: { ...data, _id: d._id } as Doc };
              const next = clone(d);
              applyUpdate(next, data as never);
              return { coll, id: d._id, doc: next };
            });
          },
          txId,
          tx,
        );
        return { data: upsertId ? { updated: 0, upsert_id: upsertId } : { updated: writes.length } };
      }
      case 'database.removeDocument': {
        if (tx && p.queryType !== 'DOC') throw new Refusal('DATABASE_REQUEST_FAILED', 'a transaction supports document operations by id only');
        const removed = await this.write(
          () => {
            const matched = new Query(parse(p.query)).find(this.view(coll, tx)).all() as Doc[];
            return (p.multi ? matched : matched.slice(0, 1)).map((d) => ({ coll, id: d._id, doc: null }));
          },
          txId,
          tx,
        );
        return { data: { deleted: removed.length } };
      }
      case 'database.aggregateDocuments': {
        const stages = (p.stages as Array<{ stageKey: string; stageValue: string }>).map((s) => ({ [s.stageKey]: EJSON.parse(s.stageValue, { relaxed: true }) }));
        const collectionResolver = (name: string) => clone(this.view(name, undefined));
        const list = new Aggregator(stages, { collectionResolver } as never).run(clone(this.view(coll, undefined)));
        return { data: { list: list.map((d) => EJSON.stringify(d, { relaxed: false })) } };
      }
      case 'storage.batchGetDownloadUrl':
        return {
          data: {
            download_list: (p.file_list as Array<{ fileid: string }>).map(({ fileid }) =>
              // The SDK hands these items on as they come (IFileUrlInfo: code, fileID, tempFileURL).
              this.files.has(fileid)
                ? { fileID: fileid, code: 'SUCCESS', tempFileURL: `${this.base}/files/${encodeURIComponent(fileid)}` }
                : { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' },
            ),
          },
        };
      case 'storage.batchDeleteFile':
        return {
          data: {
            delete_list: (p.fileid_list as string[]).map((fileid) => ({ fileID: fileid, code: this.files.delete(fileid) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' })),
          },
        };
      case 'wx.api': {
        const answer = this.openApiAnswers.shift() ?? { errcode: 0, errmsg: 'ok' };
        this.openApiCalls.push({ apiName: String(p.apiName), requestData: JSON.parse(String(p.requestData || '{}')), errcode: answer.errcode });
        return { data: { responseData: JSON.stringify(answer) } };
      }
      default:
        throw new Refusal('INVALID_ACTION', `the emulator does not implement ${action}`);
    }
  }

  /** A document as a reader sees it: a transaction's own write, else its snapshot; else the latest. */
  private current(coll: string, id: string, tx: Tx | undefined): Doc | null {
    const own = tx?.writes.get(keyOf(coll, id));
    if (own) return own.doc;
    const versions = this.collections.get(coll)?.get(id);
    if (!versions) return null;
    if (!tx) return versions.at(-1)!.doc;
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.v <= tx.start) return versions[i]!.doc;
    return null;
  }

  /** The documents a reader sees, not copied: callers copy what they change (writes clone on commit). */
  private view(coll: string, tx: Tx | undefined): Doc[] {
    const ids = new Set(this.collections.get(coll)?.keys() ?? []);
    if (tx) for (const w of tx.writes.values()) if (w.coll === coll) ids.add(w.id);
    const out: Doc[] = [];
    for (const id of ids) {
      const d = this.current(coll, id, tx);
      if (d) out.push(d);
    }
    return out;
  }

  /**
   * `decide` says what to write from what is there now. Outside a transaction it runs again after
   * waiting for a transaction holding one of its documents, and its answer is committed at once
   * (no await between): of two racing inserts of one id, or conditional updates of one document,
   * the second sees the first.
   */
  private async write(decide: () => Write[], txId: string | null, tx: Tx | undefined): Promise<Write[]> {
    if (!tx) {
      for (;;) {
        const writes = decide();
        const locked = writes.find((w) => this.locks.has(keyOf(w.coll, w.id)));
        if (locked) {
          await this.unlocked(keyOf(locked.coll, locked.id));
          continue;
        }
        this.checkUnique(writes, undefined);
        this.commitWrites(writes);
        return writes;
      }
    }
    const writes = decide();
    for (const w of writes) {
      const key = keyOf(w.coll, w.id);
      const holder = this.locks.get(key);
      const latest = this.collections.get(w.coll)?.get(w.id)?.at(-1);
      if ((holder && holder !== txId) || (latest && latest.v > tx.start)) throw conflict();
    }
    this.checkUnique(writes, tx);
    for (const w of writes) {
      this.locks.set(keyOf(w.coll, w.id), txId!);
      tx.writes.set(keyOf(w.coll, w.id), w);
    }
    return writes;
  }

  private unlocked(key: string): Promise<void> | void {
    if (!this.locks.has(key)) return;
    return new Promise<void>((resolve) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve])).then(() => this.unlocked(key));
  }

  private checkUnique(writes: Write[], tx: Tx | undefined) {
    for (const index of this.indexes.filter((i) => i.unique)) {
      const mine = writes.filter((w) => w.coll === index.collection && w.doc);
      if (mine.length === 0) continue;
      const filter = index.partial ? new Query(index.partial) : null;
      const keyOfDoc = (d: Doc) => (filter && !filter.test(d) ? null : JSON.stringify(index.keys.map((k) => valueAt(d, k) ?? null)));
      // Against the latest committed state and, in a transaction, its own writes: a unique value
      // another transaction took after our snapshot still collides.
      const holders = new Map<string, string>();
      const rewritten = new Set(mine.map((w) => w.id));
      const add = (d: Doc) => {
        const key = keyOfDoc(d);
        if (key !== null && !rewritten.has(d._id)) holders.set(key, d._id);
      };
      this.view(index.collection, undefined).forEach(add);
      if (tx) for (const w of tx.writes.values()) if (w.coll === index.collection && w.doc) add(w.doc);
      for (const w of mine) {
        const key = keyOfDoc(w.doc!);
        if (key === null) continue;
        if (holders.has(key) && holders.get(key) !== w.id) throw new Refusal('DATABASE_DUPLICATE_WRITE', `duplicate key in unique index ${w.coll}(${index.keys.join(', ')})`);
        holders.set(key, w.id);
      }
    }
  }

  private commit(txId: string, tx: Tx) {
    const writes = [...tx.writes.values()];
    this.checkUnique(writes, undefined);
    this.release(txId);
    this.commitWrites(writes);
  }

  private abort(txId: string) {
    this.release(txId);
  }

  private release(txId: string) {
    this.txs.delete(txId);
    for (const [key, holder] of this.locks) {
      if (holder !== txId) continue;
      this.locks.delete(key);
      for (const wake of this.waiting.get(key) ?? []) wake();
      this.waiting.delete(key);
    }
  }

  private commitWrites(writes: Write[]) {
    const v = ++this.version;
    const oldest = Math.min(...[...this.txs.values()].map((t) => t.start));
    for (const w of writes) {
      let coll = this.collections.get(w.coll);
      if (!coll) this.collections.set(w.coll, (coll = new Map()));
      // Older versions are kept only while a transaction may still read them: from the newest one
      // the oldest open snapshot sees.
      const all = coll.get(w.id) ?? [];
      let from = all.length - 1;
      while (from > 0 && all[from]!.v > oldest) from--;
      const kept = all.slice(Math.max(from, 0));
      coll.set(w.id, [...kept, { v, doc: w.doc ? clone(w.doc) : null }]);
    }
  }
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let at: unknown = doc;
  for (const k of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined;
  return at;
}
