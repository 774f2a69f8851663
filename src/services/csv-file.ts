/**
 * Hands a CSV to the operator: a file download on H5 (with a BOM, so Excel reads the Chinese), the
 * text copied on weapp (a mini-program cannot save a file where a spreadsheet finds it). Answers
 * what to tell the operator when it failed, else null.
 */
import Taro from '@tarojs/taro';

export async function offerCsv(fileName: string, csv: string, whatFailed: string): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([`\ufeff${csv}`], { type: 'text/csv' }));
    link.download = fileName;
    link.click();
    return null;
  }
  try {
    await Taro.setClipboardData({ data: csv });
    return null;
  } catch {
    return `无法复制${whatFailed}：请先在首页同意《用户隐私保护指引》`;
  }
}
