/**
 * Opening the payment. On H5 it is the local sandbox cashier (the sandbox then sends WeChat Pay's
 * signed callback to the server); on weapp, payment.weapp.ts opens WeChat Pay itself.
 */
import Taro from '@tarojs/taro';
import { callSandbox } from './transport';

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed';

const CHOICES = ['确认支付', '模拟支付失败'] as const;

export async function requestPayment(payParams: Record<string, string>, total: string): Promise<PaymentOutcome> {
  let choice: number;
  try {
    // The sandbox cashier: the payer pays, or the bank declines (to see the failure and retry).
    choice = (await Taro.showActionSheet({ alertText: `模拟收银台（本地沙箱）：支付 ${total} 元`, itemList: [...CHOICES] })).tapIndex;
  } catch {
    return 'cancelled';
  }
  try {
    const r = await callSandbox('pay', { prepayId: (payParams.package ?? '').replace('prepay_id=', ''), outcome: choice === 1 ? 'fail' : 'success' });
    return r.ok && r.data?.state === 'SUCCESS' ? 'paid' : 'failed';
  } catch {
    return 'failed';
  }
}
