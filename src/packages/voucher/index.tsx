/**
 * 医保电子凭证 per enrolled member. Only the official entry can activate a voucher: this page says
 * who may (the person, or an adult of the household for a minor), hands over, and shows the
 * status the official side reported, with the QR code once active.
 */
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Problem } from '../../components/Problem';
import { QrCode } from '../../components/QrCode';
import { Screen } from '../../components/Screen';
import type { FunctionReply, QuotedMember } from '../../contracts/replies';
import { call } from '../../services/api';
import { openOfficialEntry } from '../../services/voucher-entry';

type Voucher = FunctionReply<'voucherStatus'>[number];

const STATUS_LABELS: Record<Voucher['status'], string> = {
  not_requested: '未激活',
  // The official side rarely tells a third party the result: never a status that seems to wait.
  pending: '已打开官方页面',
  activated: '已激活',
  failed: '激活未成功',
};

/** Under 18 by birth year on the server's date, for the hint only: the server decides on the exact birth date. */
const minor = (birthYear: number, today: string) => Number(today.slice(0, 4)) - birthYear < 18;

export default function VoucherPage() {
  const { householdId = '' } = useRouter().params;
  const [members, setMembers] = useState<QuotedMember[]>([]);
  const [today, setToday] = useState('');
  const [vouchers, setVouchers] = useState<Map<string, Voucher>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);

  async function refresh() {
    const [q, v] = await Promise.all([call('quote', { householdId }), call('voucherStatus', { householdId })]);
    if (!q.ok) return setProblem(q.message);
    if (!v.ok) return setProblem(v.message);
    setMembers(q.data.members);
    setToday(q.data.today);
    setVouchers(new Map(v.data.map((x) => [x.memberId, x])));
  }

  useDidShow(() => void refresh());

  async function activate(memberId: string) {
    setProblem(null);
    const r = await call('activateVoucher', { householdId, memberId });
    if (!r.ok) return setProblem(r.message);
    if (r.data.handOff && !(await openOfficialEntry(r.data.handOff))) return setProblem('没有完成激活，可以再试一次');
    await refresh();
  }

  const enrolled = members.filter((m) => m.outcome === 'enrolled');
  return (
    <Screen>
      <View className='card'>
        <Text className='title'>医保电子凭证</Text>
        <Text className='line'>参保缴费成功后可以激活。本人激活；未满18周岁的孩子可由本户成年家长代为激活。激活在国家医保服务平台的官方页面完成。</Text>
      </View>
      <Problem message={problem} />
      {enrolled.length === 0 && <Text className='line'>本户还没有已参保的成员。</Text>}
      {enrolled.map((m) => {
        const v = vouchers.get(m.memberId);
        const status = v?.status ?? 'not_requested';
        return (
          <View key={m.memberId} className='card' id={`voucher-${m.memberId}`}>
            <View className='row'>
              <Text className='subtitle'>{m.name}</Text>
              <Text className={status === 'activated' ? 'tag enrolled' : 'tag'}>{STATUS_LABELS[status]}</Text>
            </View>
            <Text className='line muted'>证件 {m.idNumber}</Text>
            {status !== 'activated' && (
              <Text className='line'>{minor(m.birthYear, today) ? '未成年人：可由本户成年家长代为激活' : '需由本人查询后激活'}</Text>
            )}
            {status === 'activated' && v?.qrPayload && (
              <View className='qr'>
                <QrCode payload={v.qrPayload} />
                <Text className='line muted'>就医购药时出示此码</Text>
              </View>
            )}
            {status === 'pending' && (
              <Text className='line'>请在国家医保服务平台的官方页面完成激活；激活结果以官方页面为准，在微信“卡包”或“国家医保服务平台”小程序中可以查看医保码。</Text>
            )}
            {status !== 'activated' && (
              <Button className='btn' onClick={() => activate(m.memberId)}>
                {status === 'pending' ? '再次打开官方激活页面' : '去官方页面激活'}
              </Button>
            )}
          </View>
        );
      })}
    </Screen>
  );
}
