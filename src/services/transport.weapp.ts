/** weapp: cloud functions through wx.cloud; WeChat supplies the caller's OPENID to the function. */
import Taro from '@tarojs/taro';

export async function callFunction(name: string, data: unknown): Promise<unknown> {
  const r = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> });
  return r.result;
}
