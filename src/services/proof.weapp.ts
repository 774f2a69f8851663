/**
 * weapp: a refund's proof — a photo taken or picked from the album, or a photo or PDF from a chat
 * (the way certificates reach a phone), uploaded into cloud storage's refund-proofs/ folder (the
 * storage rules let residents create files there and read only their own). The operator sees a
 * photo in WeChat's viewer and a PDF in its document viewer, from a temporary link.
 */
import Taro from '@tarojs/taro';
import { PROOF_FOLDER, PROOF_MAX_BYTES, PROOF_TOO_LARGE, type ProofType } from '../core/proof';
import type { Upload } from './upload';

interface Picked {
  path: string;
  size: number;
  name: string;
}

const cancelled = (error: unknown) => String((error as { errMsg?: string }).errMsg ?? '').includes('cancel');

async function pick(): Promise<Picked | null> {
  const { tapIndex } = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从聊天中选择（照片或PDF）'] });
  if (tapIndex === 0) {
    const file = (await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['camera', 'album'] })).tempFiles[0];
    return file ? { path: file.tempFilePath, size: file.size, name: '照片' } : null;
  }
  const file = (await Taro.chooseMessageFile({ count: 1, type: 'all', extension: ['jpg', 'jpeg', 'png', 'pdf'] })).tempFiles[0];
  return file ? { path: file.path, size: file.size, name: file.name } : null;
}

export async function pickAndUploadProof(): Promise<Upload | null> {
  let picked: Picked | null;
  try {
    picked = await pick();
  } catch (error) {
    if (cancelled(error)) return null;
    return { ok: false, message: '没有选择到文件：请先在首页同意《用户隐私保护指引》，再拍照或从聊天中选择' };
  }
  if (!picked) return null;
  if (picked.size > PROOF_MAX_BYTES) return { ok: false, message: PROOF_TOO_LARGE };
  const extension = /\.(jpe?g|png|pdf)$/i.exec(picked.path)?.[1]?.toLowerCase() ?? 'jpg';
  try {
    // A random name: nobody can guess another family's proof (the server checks the folder and the bytes).
    const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}.${extension}`;
    const r = await Taro.cloud.uploadFile({ cloudPath: `${PROOF_FOLDER}/${name}`, filePath: picked.path });
    return { ok: true, fileID: r.fileID, name: picked.name };
  } catch {
    return { ok: false, message: '证明材料没有传上去，请检查网络后重试' };
  }
}

export async function openProof(proof: { url: string; type: ProofType }): Promise<void> {
  if (proof.type !== 'pdf') {
    await Taro.previewImage({ urls: [proof.url] });
    return;
  }
  const { tempFilePath } = await Taro.downloadFile({ url: proof.url });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' });
}
