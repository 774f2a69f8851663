/**
 * Handing the resident to the official 医保电子凭证 entry. H5: the local sandbox plays the
 * official side; weapp: voucher-entry.weapp.ts opens the official mini-program.
 */
import Taro from '@tarojs/taro';
import type { FunctionReply } from '../contracts/replies';
import { callSandbox } from './transport';

type HandOff = NonNullable<FunctionReply<'activateVoucher'>['handOff']>;

export async function openOfficialEntry(handOff: HandOff): Promise<boolean> {
  if (handOff.kind !== 'sandbox') return false;
  const ticket = new URL(handOff.url, 'http://local').searchParams.get('ticket') ?? '';
  // WeChat (and Taro on H5) allow at most 4 Chinese characters on a modal's buttons.
  const choice = await Taro.showModal({
    title: '医保电子凭证（本地沙箱）',
    content: '这里模拟国家医保服务平台的官方激活页面：核验身份后激活。',
    confirmText: '确认激活',
    cancelText: '取消',
  });
  if (!choice.confirm) return false;
  return (await callSandbox('voucher', { ticket })).ok;
}
