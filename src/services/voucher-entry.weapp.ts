/** weapp: the official 医保电子凭证 mini-program, configured per region on the server. */
import Taro from '@tarojs/taro';
import type { FunctionReply } from '../contracts/replies';

type HandOff = NonNullable<FunctionReply<'activateVoucher'>['handOff']>;

export async function openOfficialEntry(handOff: HandOff): Promise<boolean> {
  if (handOff.kind !== 'miniProgram') return false;
  try {
    await Taro.navigateToMiniProgram({ appId: handOff.appId, path: handOff.path, extraData: handOff.extraData });
    return true;
  } catch {
    return false;
  }
}
