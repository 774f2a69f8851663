/** Past orders of this WeChat user, newest first: paid ones in full (each paid member can be checked for a refund), unpaid ones folded with 继续支付, closed ones only counted. */
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

const ITEM_STATUS = { pending: '待支付', enrolled: '已参保', duplicate: '重复缴费（可退）', refund_requested: '退费处理中', refunded: '已退费' } as const;

export default function Records() {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useDidShow(() => void call('myOrders', {}).then((r) => (r.ok ? setOrders(r.data) : setProblem(r.message))));
  // Paid orders in full; unpaid ones folded together with 继续支付, unless another order has enrolled
  // all their members meanwhile; closed ones and those (nothing taken) only counted.
  const paid = orders?.filter((o) => o.status === 'paid') ?? [];
  const enrolled = new Set(paid.flatMap((o) => o.items.filter((i) => i.status === 'enrolled').map((i) => `${o.policyId} ${i.memberId}`)));
  const unpaid = orders?.filter((o) => o.status === 'created') ?? [];
  const open = unpaid.filter((o) => !o.items.every((i) => enrolled.has(`${o.policyId} ${i.memberId}`)));
  const closed = (orders?.filter((o) => o.status === 'closed').length ?? 0) + unpaid.length - open.length;

  return (
    <Screen>
      <Problem message={problem} />
      {orders?.length === 0 && <Text className='line'>还没有缴费记录。</Text>}
      {open.length > 0 && (
        <View className='card' id='unpaid-orders'>
          <Text className='subtitle'>未完成支付（{open.length}笔）</Text>
          <Text className='line muted'>尚未确认扣款；两小时内未支付会自动关闭。如果实际已经扣款，系统会自动确认并为您参保，款项不会丢失。</Text>
          {open.map((o) => (
            <View key={o.orderNo} className='line' id={`order-${o.orderNo}`}>
              <Text className='line'>{day(shanghaiDateOf(o.createdAt))} · {o.items.map((i) => i.name).join('、')} · {yuan(o.total)}</Text>
              {o.householdId && (
                <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/pay/household/index?householdId=${o.householdId}` })}>继续支付</Button>
              )}
            </View>
          ))}
        </View>
      )}
      {paid.map((o) => (
        <View key={o.orderNo} className='card' id={`order-${o.orderNo}`}>
          <View className='row'>
            <Text className='subtitle'>{day(shanghaiDateOf(o.createdAt))}</Text>
            <Text className='tag'>已支付</Text>
          </View>
          <Text className='line muted'>订单号 {o.orderNo}</Text>
          {o.items.map((i) => (
            <View key={i.memberId} className='row'>
              <Text>{i.name} · {ITEM_STATUS[i.status]}</Text>
              <Text>{yuan(i.due)}</Text>
            </View>
          ))}
          <View className='row'><Text>合计</Text><Text className='amount'>{yuan(o.total)}</Text></View>
          <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/pay/certificate/index?orderNo=${o.orderNo}` })}>缴费证明</Button>
          {o.items.filter((i) => i.status === 'enrolled' || i.status === 'duplicate').map((i) => (
            <Button key={i.memberId} className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/records/refund/index?orderNo=${o.orderNo}&memberId=${i.memberId}&name=${encodeURIComponent(i.name)}` })}>
              {i.name}：能否退费？
            </Button>
          ))}
        </View>
      ))}
      {closed > 0 && <Text className='line muted'>另有{closed}笔未支付的订单已关闭或已无需支付，没有扣款。</Text>}
    </Screen>
  );
}
