/** One member of a household as quoted for today: masked, with every amount and its reason. */
import { Text, View } from '@tarojs/components';
import type { QuotedMember } from '../contracts/replies';
import { day, ENTRY_LABELS, OUTCOME_LABELS, subsidyCategory, TIMING_LABELS, yuan } from '../app-text/words';
import { addDays } from '../core/civil-date';
import { Why } from './Why';

/** When benefits start after the day of payment, the payer must know before paying. */
function waitingPeriod(m: QuotedMember, today: string): string | null {
  if (m.outcome !== 'pay') return null;
  if (m.waitingPeriodEnds) return `等待期：缴费后至${day(m.waitingPeriodEnds)}发生的医疗费用不能报销，自${day(addDays(m.waitingPeriodEnds, 1))}起享受待遇`;
  if (m.coverageStart > today && (m.entry === 'late' || m.entry === 'late_entry')) return `等待期：自${day(m.coverageStart)}起才能报销，在此之前发生的医疗费用不能报销`;
  return null;
}

interface Props {
  member: QuotedMember;
  today: string;
  selected: boolean;
  onToggle: () => void;
}

export function MemberCard({ member: m, today, selected, onToggle }: Props) {
  const payable = m.outcome === 'pay';
  const waiting = waitingPeriod(m, today);
  return (
    <View className='card member' id={`member-${m.memberId}`}>
      {payable && (
        <View className='check-target' onClick={onToggle} ariaRole='checkbox' ariaLabel={`选择${m.name}`}>
          <View className={selected ? 'check on' : 'check'}>{selected ? '✓' : ''}</View>
        </View>
      )}
      <View className='member-body'>
        <View className='row'>
          <Text className='subtitle'>{m.name}</Text>
          <Text className={`tag ${m.outcome}`}>{OUTCOME_LABELS[m.outcome]}</Text>
        </View>
        <Text className='line muted'>证件 {m.idNumber} · {m.birthYear}年生</Text>
        {m.outcome === 'pay' ? (
          <View>
            <View className='row'><Text>个人缴费标准</Text><Text>{yuan(m.standard)}</Text></View>
            {m.subsidy && (
              <View className='row'>
                <Text>政府资助（{m.subsidy.timing === 'offset' ? '直接减免' : '缴费后返还'}）</Text>
                <Text>{m.subsidy.timing === 'offset' ? `−${yuan(m.subsidy.amount)}` : yuan(m.subsidy.amount)}</Text>
              </View>
            )}
            <View className='row'><Text>本次应缴</Text><Text className='amount'>{yuan(m.due)}</Text></View>
            <Text className='line muted'>
              {ENTRY_LABELS[m.entry]} · 享受待遇 {day(m.coverageStart)} 至 {day(m.coverageEnd)}
            </Text>
            {waiting && <Text className='warn'>{waiting}</Text>}
            <Why
              reason={m.reason}
              citations={m.citations}
              extra={m.subsidy && <Text className='line'>资助类别：{subsidyCategory(m.subsidy.identity)}，{TIMING_LABELS[m.subsidy.timing]}。</Text>}
            />
          </View>
        ) : (
          <View>
            {m.outcome === 'counter' && m.office && <Text className='line'>办理地点：{m.office}</Text>}
            <Why reason={m.reason} citations={m.citations} label='查看原因' />
          </View>
        )}
      </View>
    </View>
  );
}
