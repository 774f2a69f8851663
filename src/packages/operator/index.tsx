/**
 * For township and county staff: collection progress of each coverage year on sale, per township
 * or village against the notice's targets, and the way to import rosters and subsidy lists. The
 * server decides who is an operator; everyone else is told so.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Problem } from '../../components/Problem';
import { Screen } from '../../components/Screen';
import type { FunctionReply } from '../../contracts/replies';
import { call } from '../../services/api';
import { actAsDemoOperator, canActAsDemoOperator } from '../../services/upload';

type Progress = FunctionReply<'progress'>;
type Unit = Progress['units'][number];

const percent = (u: Unit) => (u.permille === null ? '—' : `${Math.floor(u.permille / 10)}.${u.permille % 10}%`);

function UnitRow({ u }: { u: Unit }) {
  return (
    <View className='row'>
      <Text>{u.unit}</Text>
      <Text>{u.enrolled.toLocaleString('zh-CN')}{u.target === null ? '' : ` / ${u.target.toLocaleString('zh-CN')}`} · {percent(u)}</Text>
    </View>
  );
}

export default function Operator() {
  const [years, setYears] = useState<Progress[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notOperator, setNotOperator] = useState(false);

  const load = async () => {
    setProblem(null);
    const onSale = await call('onSale', {});
    if (!onSale.ok) return setProblem(onSale.message);
    const found: Progress[] = [];
    for (const r of onSale.data.regions) {
      const p = await call('progress', { policyId: `${r.region}-${r.coverageYear}` });
      if (!p.ok) {
        setNotOperator(p.code === 'NOT_OPERATOR');
        return setProblem(p.message);
      }
      found.push(p.data);
    }
    setNotOperator(false);
    setYears(found);
  };
  useDidShow(() => void load());

  return (
    <Screen>
      <Problem message={problem} />
      {notOperator && canActAsDemoOperator && (
        <Button className='btn secondary' onClick={() => (actAsDemoOperator(), void load())}>以演示经办人身份进入（本地沙箱）</Button>
      )}
      {years?.length === 0 && <Text className='line'>今天没有正在征缴的参保年度。</Text>}
      {years?.map((p) => (
        <View key={p.policyId} className='card' id={`progress-${p.policyId}`}>
          <Text className='subtitle'>{p.region} {p.coverageYear}年度</Text>
          <UnitRow u={p.total} />
          {p.targetCite && <Text className='line muted'>目标任务：{p.targetCite}</Text>}
          {p.units.map((u) => <UnitRow key={u.unit} u={u} />)}
          <Text className='line muted'>
            电子凭证激活 {p.vouchers.activated.toLocaleString('zh-CN')} / 参保 {p.vouchers.enrolled.toLocaleString('zh-CN')}
            {p.vouchers.targetPercent === null ? '' : `（目标 ${p.vouchers.targetPercent}%，${p.vouchers.cite}）`}
          </Text>
        </View>
      ))}
      {years && (
        <Button className='btn' onClick={() => Taro.navigateTo({ url: '/packages/operator/import/index' })}>导入花名册或部门名单</Button>
      )}
    </Screen>
  );
}
