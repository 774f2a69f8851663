/**
 * H5: an operator picks a CSV and it goes to the local server's uploads (POST /sandbox/upload), as
 * wx.cloud.uploadFile puts it in cloud storage on weapp (upload.weapp.ts). The answer is the
 * fileID importRoster reads, or a message. proof.ts sends a resident's refund proof the same way.
 */
import { browserOpenid } from './transport';

export type Upload = { ok: true; fileID: string; name: string } | { ok: false; message: string };

/** The browser's file picker, for files of the given types. */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.click();
  });
}

/** Posts a picked file to one of the local server's upload routes; the server's message on refusal. */
export async function postFile(path: string, file: File, offline: string): Promise<Upload> {
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'X-Openid': browserOpenid() }, body: file });
    const reply = (await res.json()) as { ok: boolean; data?: { fileID: string }; error?: { message: string } };
    return reply.ok ? { ok: true, fileID: reply.data!.fileID, name: file.name } : { ok: false, message: reply.error?.message ?? '上传失败，请重试' };
  } catch {
    return { ok: false, message: offline };
  }
}

export async function pickAndUpload(): Promise<Upload | null> {
  const file = await pickFile('.csv,text/csv');
  return file && postFile('/sandbox/upload', file, '网络不太好，文件没有传上去，请重试');
}

/** The local sandbox has no WeChat login: this browser acts as the demo operator from now on. */
export function actAsDemoOperator(): void {
  localStorage.setItem('yibao-openid', 'demo-operator');
}

export const canActAsDemoOperator = true;
