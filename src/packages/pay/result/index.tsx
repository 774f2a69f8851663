/**
 * After paying: WeChat Pay's own word arrives at the server as a signed callback, so this page
 * asks the server until the order is settled — pending, success, or not paid with a way back.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { yuan } from '../../../app-text/words';
import { Problem } from '../../../components/Problem';
import { Screen } from '../../../components/Screen';
import type { FunctionReply } from '../../../contracts/replies';
import { call } from '../../../services/api';

/** Asks every 1.5 s for up to a minute; after that the order is settled by reconcile anyway. */
const POLL_MS = 1500;
const POLLS = 40;

type Order = FunctionReply<'orderStatus'>;

export default function Result() {
  const { orderNo = '', householdId = '' } = useRouter().params;
  const [order, setOrder] = useState<Order | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useUnload(() => clearTimeout(timer.current));

  async function poll(left: number) {
    const r = await call('orderStatus', { orderNo });
    if (!r.ok) setProblem(r.message);
    else setOrder(r.data);
    if (r.ok && r.data.status !== 'created') return;
    // The server unreachable for a while (five tries): say what is known now rather than spin.
    if (left <= 0 || (!r.ok && POLLS - left >= 4)) return setGaveUp(true);
    timer.current = setTimeout(() => void poll(left - 1), POLL_MS);
  }

  useEffect(() => {
    void poll(POLLS);
    return () => clearTimeout(timer.current);
  }, []);

  const enrolled = order?.items.filter((i) => i.status === 'enrolled').length ?? 0;
  const duplicates = order?.items.filter((i) => i.status === 'duplicate').length ?? 0;
  return (
    <Screen>
      <Problem message={problem} />
      {(!order || order.status === 'created') && !gaveUp && (
        <View className='card'>
          <Text className='title'>正在确认支付结果…</Text>
          <Text className='line muted'>请稍候，不要重复支付。</Text>
        </View>
      )}
      {(!order || order.status === 'created') && gaveUp && (
        // Never a dead end: even when the server could not be reached, the payer keeps the order
        // number, a way to ask again and the way to the records.
        <View className='card' id='result-unknown'>
          <Text className='title'>还没有收到支付结果</Text>
          <Text className='line'>订单号 {orderNo}{order ? `，金额 ${yuan(order.total)}` : ''}</Text>
          <Text className='line'>如已扣款，系统会自动确认并为您参保，不会丢失，也不会重复扣款。可以稍后在“我的缴费记录”查看。</Text>
          <Button className='btn' onClick={() => { setProblem(null); setGaveUp(false); void poll(POLLS); }}>再查一次</Button>
          <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: '/packages/records/index' })}>我的缴费记录</Button>
        </View>
      )}
      {order?.status === 'paid' && (
        <View className='card'>
          <Text className='title ok-text'>缴费成功</Text>
          <Text className='line'>已缴 {yuan(order.total)}，{enrolled} 人参保成功。</Text>
          {duplicates > 0 && <Text className='warn'>{duplicates} 人此前已由其他订单缴费，本次重复缴纳的金额可以退回，请到“我的缴费记录”申请退费。</Text>}
          <Button className='btn' onClick={() => Taro.navigateTo({ url: `/packages/pay/certificate/index?orderNo=${orderNo}` })}>查看缴费证明</Button>
          <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/voucher/index?householdId=${householdId}` })}>激活医保电子凭证</Button>
        </View>
      )}
      {order?.status === 'closed' && (
        <View className='card'>
          <Text className='title'>支付没有完成</Text>
          <Text className='line'>这笔订单已关闭，没有扣款。</Text>
          <Button className='btn' onClick={() => Taro.navigateBack()}>返回重新缴费</Button>
        </View>
      )}
    </Screen>
  );
}
