/**
 * H5: a refund's proof — the resident picks a photo or a PDF and it goes to the local server
 * (POST /sandbox/upload-proof), as wx.cloud.uploadFile puts it in cloud storage on weapp
 * (proof.weapp.ts). The operator opens it by its short-lived link.
 */
import { PROOF_MAX_BYTES, PROOF_TOO_LARGE, type ProofType } from '../core/proof';
import { pickFile, postFile, type Upload } from './upload';

export async function pickAndUploadProof(): Promise<Upload | null> {
  const file = await pickFile('image/jpeg,image/png,application/pdf');
  if (!file) return null;
  if (file.size > PROOF_MAX_BYTES) return { ok: false, message: PROOF_TOO_LARGE };
  return postFile('/sandbox/upload-proof', file, '网络不太好，证明材料没有传上去，请重试');
}

/** Opens a proof in a new tab (the browser shows a photo or a PDF itself, whatever its type). */
export function openProof(proof: { url: string; type: ProofType }): void {
  window.open(proof.url, '_blank', 'noopener');
}
