/**
 * H5: a refund's proof — the resident picks a photo or a PDF and it goes to the local server
 * (POST /sandbox/upload-proof), as wx.cloud.uploadFile puts it in cloud storage on weapp
 * (proof.weapp.ts). The operator opens it by its short-lived link.
 */
import { PROOF_MAX_BYTES, type ProofType } from '../core/proof';
import { browserOpenid } from './transport';
import type { Upload } from './upload';

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,application/pdf';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.click();
  });
}

export async function pickAndUploadProof(): Promise<Upload | null> {
  const file = await pickFile();
  if (!file) return null;
  if (file.size > PROOF_MAX_BYTES) return { ok: false, message: '文件超过 10 MB：请拍照上传，或把 PDF 压缩后再试' };
  try {
    const res = await fetch('/sandbox/upload-proof', { method: 'POST', headers: { 'X-Openid': browserOpenid() }, body: file });
    const reply = (await res.json()) as { ok: boolean; data?: { fileID: string }; error?: { message: string } };
    return reply.ok ? { ok: true, fileID: reply.data!.fileID, name: file.name } : { ok: false, message: reply.error?.message ?? '上传失败，请重试' };
  } catch {
    return { ok: false, message: '网络不太好，证明材料没有传上去，请重试' };
  }
}

/** Opens a proof in a new tab (the browser shows a photo or a PDF itself, whatever its type). */
export function openProof(proof: { url: string; type: ProofType }): void {
  window.open(proof.url, '_blank', 'noopener');
}
