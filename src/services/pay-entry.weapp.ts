/** weapp: the tax bureau's official payment mini-program, configured per region on the server. */
import Taro from '@tarojs/taro';
import type { FunctionReply } from '../contracts/replies';

type Entry = NonNullable<FunctionReply<'quote'>['payElsewhere']>;

export async function openPayEntry(entry: Entry): Promise<boolean> {
  if (!entry.appId) return false;
  try {
    await Taro.navigateToMiniProgram({ appId: entry.appId, path: entry.path ?? '' });
    return true;
  } catch {
    return false;
  }
}
