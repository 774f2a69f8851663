/** Past orders of this WeChat user, newest first; each paid member can be checked for a refund. */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { day, yuan } from '../../app-text/words';
import { Problem } from '../../components/Problem';
import { Screen } from '../../components/Screen';
import type { FunctionReply } from '../../contracts/replies';
import { shanghaiDateOf } from '../../core/civil-date';
import { call } from '../../services/api';

type Order = FunctionReply<'myOrders'>[number];

const ORDER_STATUS = { created: '待支付', paid: '已支付', closed: '已关闭' } as const;
const ITEM_STATUS = { pending: '待支付', enrolled: '已参保', duplicate: '重复缴费（可退）', refund_requested: '退费处理中', refunded: '已退费' } as const;

export default function Records() {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useDidShow(() => void call('myOrders', {}).then((r) => (r.ok ? setOrders(r.data) : setProblem(r.message))));

  return (
    <Screen>
      <Problem message={problem} />
      {orders?.length === 0 && <Text className='line'>还没有缴费记录。</Text>}
      {orders?.map((o) => (
        <View key={o.orderNo} className='card' id={`order-${o.orderNo}`}>
          <View className='row'>
            <Text className='subtitle'>{day(shanghaiDateOf(o.createdAt))}</Text>
            <Text className='tag'>{ORDER_STATUS[o.status]}</Text>
          </View>
          <Text className='line muted'>订单号 {o.orderNo}</Text>
          {o.items.map((i) => (
            <View key={i.memberId} className='row'>
              <Text>{i.name} · {ITEM_STATUS[i.status]}</Text>
              <Text>{yuan(i.due)}</Text>
            </View>
          ))}
          <View className='row'><Text>合计</Text><Text className='amount'>{yuan(o.total)}</Text></View>
          {o.status === 'paid' && (
            <View>
              <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/pay/certificate/index?orderNo=${o.orderNo}` })}>缴费证明</Button>
              {o.items.filter((i) => i.status === 'enrolled' || i.status === 'duplicate').map((i) => (
                <Button key={i.memberId} className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/records/refund/index?orderNo=${o.orderNo}&memberId=${i.memberId}&name=${encodeURIComponent(i.name)}` })}>
                  {i.name}：能否退费？
                </Button>
              ))}
            </View>
          )}
        </View>
      ))}
    </Screen>
  );
}
