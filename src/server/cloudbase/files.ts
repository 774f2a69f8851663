/**
 * Cloud storage on CloudBase: an operator's upload is read a byte range at a time through its
 * temporary download URL (HTTP Range), so a call never downloads more than its window; a refund's
 * proof is shown to an operator by such a URL, valid minutes.
 */
import type { FileStore } from '../../core/ports';

/** What this adapter uses of the node-sdk app: getTempFileURL. */
export interface TempUrls {
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{ fileList: Array<{ code: string; fileID: string; tempFileURL: string }> }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList?: Array<{ code: string; fileID: string }>; code?: string; message?: string }>;
}

export class CloudbaseFiles implements FileStore {
  constructor(private readonly app: TempUrls) {}

  private async url(fileID: string, seconds = 600): Promise<string | null> {
    const { fileList } = await this.app.getTempFileURL({ fileList: [{ fileID, maxAge: seconds }] });
    const file = fileList[0];
    return file && file.code === 'SUCCESS' && file.tempFileURL ? file.tempFileURL : null;
  }

  private async range(url: string, start: number, end: number): Promise<Response> {
    const res = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` }, signal: AbortSignal.timeout(30_000) });
    if (res.status !== 206 && res.status !== 200) throw new Error(`cloud storage answered ${res.status}`);
    return res;
  }

  async size(fileID: string): Promise<number | null> {
    const url = await this.url(fileID);
    if (!url) return null;
    const res = await this.range(url, 0, 1);
    await res.arrayBuffer();
    // "bytes 0-0/12345" on a 206; a server that ignores Range sends the whole file with its length.
    const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? res.headers.get('content-length');
    if (total === null || total === undefined) throw new Error('cloud storage did not say the file size');
    return Number(total);
  }

  async remove(fileID: string): Promise<void> {
    const r = await this.app.deleteFile({ fileList: [fileID] });
    if (r.code) throw new Error(`cloud storage did not delete the file: ${r.code} ${r.message ?? ''}`);
  }

  link(fileID: string, seconds: number): Promise<string | null> {
    return this.url(fileID, seconds);
  }

  async read(fileID: string, start: number, end: number): Promise<Uint8Array> {
    const url = await this.url(fileID);
    if (!url) throw new Error('no such file');
    const res = await this.range(url, start, end);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A server that ignored Range sent everything from byte 0.
    return res.status === 206 ? bytes : bytes.subarray(start, end);
  }
}
