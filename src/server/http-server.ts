/**
 * The local server: every cloud function at POST /api/<name>, the payment callback at
 * POST /api/payNotify, the sandbox cashier and clock under /sandbox/, and the H5 build as static
 * files. It binds to 127.0.0.1 only. The caller's OPENID comes from the X-Openid header here, the
 * way CloudBase passes it in the function context in production.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Deps } from '../core/use-cases/deps';
import { handle, handlePayNotify, handleRefundNotify, handleVoucherNotify, settleTogether, type Settle } from './functions';
import { PROOF_CONTENT_TYPES, PROOF_MAX_BYTES, PROOF_SNIFF_BYTES, PROOF_TOO_LARGE, proofType } from '../core/proof';
import { FileTooLarge, type LocalFiles } from './local-files';
import type { SandboxMessenger } from './messenger-sandbox';
import { RequestTimings } from './request-timings';
import type { SandboxVoucherPlatform } from './voucher-sandbox';
import type { SandboxPayPlatform } from './wechat-pay/sandbox';

/** Requests are small (a small CSV may come as text); big files go through POST /sandbox/upload. */
const MAX_BODY = 1024 * 1024;
/** An uploaded roster: a county's is tens of megabytes. */
const MAX_UPLOAD = 512 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface ServerOptions {
  deps: Deps;
  sandbox: SandboxPayPlatform;
  voucherSandbox: SandboxVoucherPlatform;
  /** Where uploads go (POST /sandbox/upload for operators, /sandbox/upload-proof for residents), as wx.cloud.uploadFile on CloudBase. */
  files: LocalFiles;
  /** The H5 build to serve, if it exists. */
  staticDir: string;
  /** Subscription messages that would have gone to residents (POST /sandbox/outbox). */
  outbox: SandboxMessenger;
  /** Moves the simulated Shanghai date (sandbox only). */
  setToday(date: string): boolean;
}

/** What the routes use: the options, the server's own request timings (POST /sandbox/timings), and how callbacks are settled. */
type Context = ServerOptions & { timings: RequestTimings; settle: Settle };

class TooLarge extends Error {}

/** The body, gathered with plain listeners (an async iterator per request costs more under load). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

const flatHeaders = (req: IncomingMessage) => Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));

const envelopeError = (code: string, message: string) => ({ ok: false, error: { code, message } });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text === '' ? {} : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function serveStatic(res: ServerResponse, dir: string, urlPath: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // "/%" and the like: a malformed address is the caller's mistake, not the server's.
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('地址格式不正确 / malformed URL');
    return;
  }
  const safe = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(dir, safe);
  if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>医保自助缴费</title><p>本地服务已启动。小程序 H5 页面尚未构建；接口位于 POST /api/&lt;函数名&gt;。</p>');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** An operator's file, streamed to disk; the answer is its fileID for importRoster. */
async function upload(req: IncomingMessage, res: ServerResponse, o: Context): Promise<void> {
  if (!(await o.deps.storage.isOperator(String(req.headers['x-openid'] ?? '')))) {
    req.resume();
    return send(res, 403, envelopeError('NOT_OPERATOR', '只有医保经办人员可以上传名单'));
  }
  try {
    return send(res, 200, { ok: true, data: { fileID: await o.files.save(req, MAX_UPLOAD) } });
  } catch (error) {
    if (!(error instanceof FileTooLarge)) throw error;
    req.resume();
    return send(res, 413, envelopeError('TOO_LARGE', '文件超过 512 MB'));
  }
}

/**
 * A resident's refund proof (a photo or PDF, at most PROOF_MAX_BYTES): stored only if its first
 * bytes say it is one; the answer is its fileID for requestRefund.
 */
async function uploadProof(req: IncomingMessage, res: ServerResponse, o: Context): Promise<void> {
  if (!req.headers['x-openid']) {
    req.resume();
    return send(res, 401, envelopeError('NO_CALLER', '请在微信中打开'));
  }
  let fileID: string;
  try {
    fileID = await o.files.save(req, PROOF_MAX_BYTES, 'proof');
  } catch (error) {
    if (!(error instanceof FileTooLarge)) throw error;
    req.resume();
    return send(res, 413, envelopeError('TOO_LARGE', PROOF_TOO_LARGE));
  }
  if (proofType(await o.files.read(fileID, 0, PROOF_SNIFF_BYTES)) === null) {
    await o.files.remove(fileID);
    return send(res, 415, envelopeError('NOT_A_PROOF', '只能上传照片（JPG、PNG）或 PDF 文件'));
  }
  return send(res, 200, { ok: true, data: { fileID } });
}

/** GET of a signed proof link (as a temporary download URL on CloudBase): the file, or 403. */
async function serveLinked(req: IncomingMessage, res: ServerResponse, o: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const fileID = o.files.linked(url.pathname, url.searchParams);
  const size = fileID ? await o.files.size(fileID) : null;
  if (!fileID || size === null) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('链接已过期或文件已删除');
    return;
  }
  const bytes = await o.files.read(fileID, 0, size);
  const type = proofType(bytes.subarray(0, PROOF_SNIFF_BYTES));
  res.writeHead(200, {
    'Content-Type': type ? PROOF_CONTENT_TYPES[type] : 'application/octet-stream',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(bytes);
}

async function route(req: IncomingMessage, res: ServerResponse, o: Context): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0]!;

  if (path === '/healthz') return send(res, 200, { ok: true });
  if (path.startsWith('/files/') && req.method === 'GET') return serveLinked(req, res, o);

  if (path.startsWith('/api/') || path.startsWith('/sandbox/')) {
    if (req.method !== 'POST') return send(res, 405, envelopeError('METHOD', '请使用 POST'));
    if (path === '/sandbox/upload') return upload(req, res, o);
    if (path === '/sandbox/upload-proof') return uploadProof(req, res, o);
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof TooLarge) return send(res, 413, envelopeError('TOO_LARGE', '请求内容过大'));
      throw error;
    }

    if (path === '/api/payNotify') {
      const r = await handlePayNotify(flatHeaders(req), body, o.deps, o.settle);
      return send(res, r.status, r.body);
    }
    if (path === '/api/refundNotify') {
      const r = await handleRefundNotify(flatHeaders(req), body, o.deps);
      return send(res, r.status, r.body);
    }
    if (path === '/api/voucherNotify') {
      const r = await handleVoucherNotify(flatHeaders(req), body, o.deps);
      return send(res, r.status, r.body);
    }

    const parsed = parseJson(body);
    if (!parsed.ok) return send(res, 400, envelopeError('BAD_JSON', '请求内容不是有效的 JSON'));

    if (path === '/sandbox/outbox') return send(res, 200, { ok: true, data: o.outbox.outbox });
    if (path === '/sandbox/pay') {
      const { prepayId, outcome } = (parsed.value ?? {}) as { prepayId?: unknown; outcome?: unknown };
      if (typeof prepayId !== 'string' || !o.sandbox.payment(prepayId)) return send(res, 404, envelopeError('NO_PAYMENT', '没有这笔待支付交易'));
      const p = o.sandbox.pay(prepayId, outcome === 'fail' ? 'fail' : 'success');
      return send(res, 200, { ok: true, data: { orderNo: p.orderNo, state: p.state } });
    }
    if (path === '/sandbox/voucher') {
      const { ticket, outcome } = (parsed.value ?? {}) as { ticket?: unknown; outcome?: unknown };
      if (typeof ticket !== 'string' || !(await o.voucherSandbox.activate(ticket, outcome === 'failed' ? 'failed' : 'activated'))) {
        return send(res, 404, envelopeError('NO_TICKET', '没有这次激活申请'));
      }
      return send(res, 200, { ok: true, data: { ticket } });
    }
    if (path === '/sandbox/timings') return send(res, 200, { ok: true, data: o.timings.takeSummary() });
    if (path === '/sandbox/clock') {
      const { today } = (parsed.value ?? {}) as { today?: unknown };
      if (typeof today !== 'string' || !o.setToday(today)) return send(res, 400, envelopeError('INVALID_DATE', '日期应为 YYYY-MM-DD'));
      return send(res, 200, { ok: true, data: { today } });
    }

    const name = path.slice('/api/'.length);
    if (!path.startsWith('/api/') || name.includes('/')) return send(res, 404, envelopeError('NOT_FOUND', '没有这个接口'));
    const openid = String(req.headers['x-openid'] ?? '');
    const envelope = await handle(name, parsed.value, { openid }, o.deps);
    return send(res, envelope.ok || envelope.error.code !== 'UNKNOWN_FUNCTION' ? 200 : 404, envelope);
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, envelopeError('METHOD', '不支持的请求方法'));
  serveStatic(res, o.staticDir, path);
}

export function createLocalServer(options: ServerOptions): Server {
  const o: Context = { ...options, timings: new RequestTimings(), settle: settleTogether(options.deps) };
  return createServer((req, res) => {
    const arrived = performance.now();
    if (req.url !== '/sandbox/timings') res.once('finish', () => o.timings.add(performance.now() - arrived));
    route(req, res, o).catch((error: Error) => {
      console.error(`[http] ${req.method} ${req.url?.split('?')[0]}: ${error.message}`);
      if (!res.headersSent) send(res, 500, envelopeError('INTERNAL', '系统繁忙，请稍后再试'));
      else res.end();
    });
  });
}
