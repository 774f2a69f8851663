/** weapp: WeChat Pay with the parameters the server signed (统一下单 happened in createOrder). */
import Taro from '@tarojs/taro';

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed';

export async function requestPayment(payParams: Record<string, string>): Promise<PaymentOutcome> {
  try {
    await Taro.requestPayment(payParams as unknown as Taro.requestPayment.Option);
    return 'paid';
  } catch (error) {
    // WeChat reports a cancel as "requestPayment:fail cancel".
    return String((error as { errMsg?: string }).errMsg ?? '').includes('cancel') ? 'cancelled' : 'failed';
  }
}
