/**
 * weapp: the resident's consent to one subscription message (一次性订阅), asked in the tap itself
 * as WeChat requires. Each "允许" lets the bureau send one message of that template.
 */
import Taro from '@tarojs/taro';

export async function askConsent(templateId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    if (answer[templateId] === 'accept') return { ok: true };
    return { ok: false, message: answer[templateId] === 'ban' ? '消息提醒已被微信停用：请在小程序设置的“通知管理”中开启' : '没有允许消息提醒：需要时请再点一次，并选择“允许”' };
  } catch {
    return { ok: false, message: '无法开启消息提醒：请在小程序右上角“…”→设置→通知管理中允许后再试' };
  }
}
