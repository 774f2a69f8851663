/** Whether a paid member's payment is refundable, why (with the clause), and the request itself. */
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { plainCitation } from '../../../app-text/citation';
import { yuan } from '../../../app-text/words';
import { Problem } from '../../../components/Problem';
import { Screen } from '../../../components/Screen';
import type { FunctionReply } from '../../../contracts/replies';
import { REFUND_REASONS, REFUND_REASON_LABELS, type RefundReason } from '../../../core/vocabulary';
import { call } from '../../../services/api';

export default function Refund() {
  const { orderNo = '', memberId = '', name = '' } = useRouter().params;
  const [reason, setReason] = useState<RefundReason | null>(null);
  const [answer, setAnswer] = useState<FunctionReply<'refundCheck'> | null>(null);
  const [receipt, setReceipt] = useState<FunctionReply<'requestRefund'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function check(r: RefundReason) {
    setReason(r);
    setAnswer(null);
    setProblem(null);
    const a = await call('refundCheck', { orderNo, memberId, reason: r });
    if (a.ok) setAnswer(a.data);
    else setProblem(a.message);
  }

  async function request() {
    if (!reason) return;
    const r = await call('requestRefund', { orderNo, memberId, reason });
    if (r.ok) setReceipt(r.data);
    else setProblem(r.message);
  }

  return (
    <Screen>
      <View className='card'>
        <Text className='title'>{decodeURIComponent(name)} 的退费</Text>
        <Text className='line'>请选择退费原因：</Text>
        {REFUND_REASONS.map((r) => (
          <Button key={r} className={reason === r ? 'btn' : 'btn secondary'} onClick={() => check(r)}>
            {REFUND_REASON_LABELS[r]}
          </Button>
        ))}
      </View>
      <Problem message={problem} />
      {answer && !receipt && (
        <View className='card' id='refund-answer'>
          <Text className={answer.eligible ? 'title ok-text' : 'title'}>{answer.eligible ? `可以退费 ${yuan(answer.amount)}` : '不能退费'}</Text>
          <Text className='line'>{answer.reason}</Text>
          <Text className='line muted'>依据：{answer.citations.map((c) => plainCitation(c, answer.notice)).join('；')}</Text>
          {answer.productDefault && <Text className='line muted'>当地通知未规定退费办法，以上按本系统的默认规则处理，以医保经办机构审核为准。</Text>}
          {answer.eligible && <Button className='btn' onClick={request}>申请退费</Button>}
        </View>
      )}
      {receipt && (
        <View className='card' id='refund-receipt'>
          <Text className={receipt.status === 'failed' ? 'title error' : 'title ok-text'}>
            {receipt.status === 'succeeded' ? '退费成功' : receipt.status === 'failed' ? '退费未成功' : '退费申请已提交'}
          </Text>
          <Text className='line'>退费金额 {yuan(receipt.amount)}，原路退回支付账户。</Text>
          <Text className='line'>{receipt.statusText}</Text>
          <Text className='line muted'>退费单号 {receipt.refundNo}</Text>
        </View>
      )}
    </Screen>
  );
}
