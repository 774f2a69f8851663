/**
 * Opening the payment. On H5 it is the local sandbox cashier (the sandbox then sends WeChat Pay's
 * signed callback to the server); on weapp, payment.weapp.ts opens WeChat Pay itself.
 */
import Taro from '@tarojs/taro';
import { callSandbox } from './transport';

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed';

export async function requestPayment(payParams: Record<string, string>, total: string): Promise<PaymentOutcome> {
  const choice = await Taro.showModal({
    title: '模拟收银台（本地沙箱）',
    content: `支付 ${total} 元`,
    confirmText: '确认支付',
    cancelText: '取消',
  });
  if (!choice.confirm) return 'cancelled';
  try {
    const r = await callSandbox('pay', { prepayId: (payParams.package ?? '').replace('prepay_id=', '') });
    return r.ok ? 'paid' : 'failed';
  } catch {
    return 'failed';
  }
}
