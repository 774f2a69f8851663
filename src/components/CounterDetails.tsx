/** Where to go when the answer is the counter: what the notice gives, and 12393 for what it does not. */
import { Text, View } from '@tarojs/components';
import type { Counter } from '../contracts/replies';

const ASKED: Array<[keyof Counter, string, string]> = [
  ['address', '地址', '地址'],
  ['phone', '电话', '电话'],
  ['hours', '办公时间', '办公时间'],
  ['bring', '请携带', '所需材料'],
  ['relativeMayGo', '亲属代办', '能否由亲属代办'],
];

export function CounterDetails({ counter, office }: { counter?: Counter | null | undefined; office?: string | undefined }) {
  const name = counter?.name ?? office;
  const unknown = ASKED.filter(([key]) => !counter?.[key]).map(([, , asked]) => asked);
  return (
    <View className='counter-details'>
      {name && <Text className='line'>办理地点：{name}</Text>}
      {counter && ASKED.map(([key, label]) => counter[key] && <Text key={key} className='line'>{label}：{counter[key]}</Text>)}
      <Text className='line muted'>
        {unknown.length > 0 && counter ? `${unknown.join('、')}本地通知未载明，` : ''}可拨打全国医疗保障服务热线 12393 咨询
      </Text>
    </View>
  );
}
