/** weapp: the operator picks a CSV from a chat (the way files reach a phone) into cloud storage. */
import Taro from '@tarojs/taro';

export type Upload = { ok: true; fileID: string; name: string } | { ok: false; message: string };

export async function pickAndUpload(): Promise<Upload | null> {
  let picked: Taro.chooseMessageFile.ChooseFile | undefined;
  try {
    picked = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] })).tempFiles[0];
  } catch (error) {
    // A cancel is no problem; anything else (privacy consent missing, no permission) is said.
    if (String((error as { errMsg?: string }).errMsg ?? '').includes('cancel')) return null;
    return { ok: false, message: '没有选择文件：请先在首页同意《用户隐私保护指引》，再从聊天中选择 CSV 文件' };
  }
  if (!picked) return null;
  try {
    // Operators' folder: cloud-storage rules let only operators write under rosters/.
    const r = await Taro.cloud.uploadFile({ cloudPath: `rosters/${Date.now()}-${picked.name}`, filePath: picked.path });
    return { ok: true, fileID: r.fileID, name: picked.name };
  } catch {
    return { ok: false, message: '文件没有传上去，请检查网络后重试' };
  }
}

/** On weapp the operator is who WeChat says they are. */
export function actAsDemoOperator(): void {}

export const canActAsDemoOperator = false;
