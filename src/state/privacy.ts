/**
 * The resident's consent to the privacy guide (《用户隐私保护指引》, README), asked before the first
 * name or ID number is typed. Remembered per guide version: a new version asks again.
 */
import Taro from '@tarojs/taro';

const KEY = 'yibao-privacy-consent';
/** Raise when the guide changes what is collected or why. */
export const PRIVACY_GUIDE_VERSION = '2026-12-02';

export function hasConsented(): boolean {
  return Taro.getStorageSync(KEY) === PRIVACY_GUIDE_VERSION;
}

export function recordConsent(): void {
  Taro.setStorageSync(KEY, PRIVACY_GUIDE_VERSION);
}

/** What is collected and why, in the words the home page shows before asking. */
export const PRIVACY_SUMMARY = [
  '姓名、身份证号码：核对您家庭的参保登记，只用于查询和缴费，页面只显示首尾各一位；',
  '订单信息：缴费、出具缴费证明和退费；',
  '剪切板：只在您点“复制证明内容”时写入缴费证明；',
  '选中的文件：经办人员导入名单时读取，导入后删除；您申请退费时上传的证明材料（照片或PDF），只给审核的经办人员看，审核后删除；',
  '订阅消息：只在您点“提醒我”并允许后，发送一次缴费截止或退费结果提醒。',
];
