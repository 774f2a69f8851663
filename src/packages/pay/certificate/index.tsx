/** 缴费证明: every enrolled member masked, amounts and benefit dates; saved as text or printed. */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { day, yuan } from '../../../app-text/words';
import { Problem } from '../../../components/Problem';
import { Screen } from '../../../components/Screen';
import type { FunctionReply } from '../../../contracts/replies';
import { call } from '../../../services/api';

type Certificate = FunctionReply<'certificate'>;

export function certificateText(c: Certificate): string {
  const members = c.members.map((m) => `${m.name}（${m.idNumber}）${m.amount}元，${m.coverageStart}至${m.coverageEnd}`);
  return [c.title, `证明编号 ${c.certificateNo}`, `缴费日期 ${c.paidOn}`, ...members, `合计 ${c.total}元`, `订单号 ${c.orderNo}`, ...(c.policy ? [`计费依据 ${c.policy}`] : [])].join('\n');
}

export default function CertificatePage() {
  const { orderNo = '' } = useRouter().params;
  const [cert, setCert] = useState<Certificate | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void call('certificate', { orderNo }).then((r) => (r.ok ? setCert(r.data) : setProblem(r.message)));
  }, []);

  async function save() {
    if (!cert) return;
    if (process.env.TARO_ENV === 'h5') return window.print();
    try {
      await Taro.setClipboardData({ data: certificateText(cert) });
    } catch {
      // Refused when the privacy guide was not agreed to, or by the phone.
      setProblem('无法复制证明内容：请先在首页同意《用户隐私保护指引》，或截图保存本页');
    }
  }

  return (
    <Screen>
      <Problem message={problem} />
      {cert && (
        <View className='card' id='certificate'>
          <Text className='title'>{cert.title}</Text>
          <Text className='line muted'>证明编号 {cert.certificateNo}</Text>
          <Text className='line'>缴费日期 {cert.paidOn}</Text>
          {cert.members.map((m) => (
            <View key={m.idNumber + m.name} className='card'>
              <View className='row'><Text className='subtitle'>{m.name}</Text><Text>{yuan(m.amount)}</Text></View>
              <Text className='line muted'>证件 {m.idNumber}</Text>
              <Text className='line'>享受待遇 {day(m.coverageStart)} 至 {day(m.coverageEnd)}</Text>
            </View>
          ))}
          <View className='row'><Text>合计</Text><Text className='amount'>{yuan(cert.total)}</Text></View>
          <Text className='line muted'>订单号 {cert.orderNo}</Text>
          {cert.policy && <Text className='line muted'>计费依据 {cert.policy}</Text>}
          <Text className='line muted'>{cert.note}</Text>
          <Button className='btn' onClick={save}>{process.env.TARO_ENV === 'h5' ? '打印或保存' : '复制证明内容'}</Button>
        </View>
      )}
    </Screen>
  );
}
