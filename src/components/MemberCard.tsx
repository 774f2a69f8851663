/** One member of a household as quoted for today: masked, with every amount and its reason. */
import { Text, View } from '@tarojs/components';
import type { Counter, PayMember, QuotedMember } from '../contracts/replies';
import { CounterDetails } from './CounterDetails';
import { day, ENTRY_LABELS, OUTCOME_LABELS, subsidyCategory, TIMING_LABELS, yuan } from '../app-text/words';
import { addDays } from '../core/civil-date';
import { Why } from './Why';
import type { NoticeName } from '../app-text/citation';

/** When benefits start after the day of payment, the payer must know before paying. */
function waitingPeriod(m: QuotedMember, today: string): string | null {
  if (m.outcome !== 'pay') return null;
  const w = m.waitingPeriod;
  if (w) {
    const months = w.variableMonths > 0 ? `${w.fixedMonths + w.variableMonths}个月（固定${w.fixedMonths}个月＋变动${w.variableMonths}个月）` : `${w.fixedMonths}个月`;
    return `等待期${months}：${day(w.from)}至${day(addDays(w.benefitsFrom, -1))}发生的医疗费用不能报销，自${day(w.benefitsFrom)}起享受待遇`;
  }
  if (m.waitingPeriodEnds) return `等待期：缴费后至${day(m.waitingPeriodEnds)}发生的医疗费用不能报销，自${day(addDays(m.waitingPeriodEnds, 1))}起享受待遇`;
  if (m.coverageStart > today && (m.entry === 'late' || m.entry === 'late_entry')) return `等待期：自${day(m.coverageStart)}起才能报销，在此之前发生的医疗费用不能报销`;
  return null;
}

interface Props {
  member: QuotedMember;
  today: string;
  selected: boolean;
  onToggle: () => void;
  /** Ticks (the offered years) or unticks (the chosen ones) a back-payment that shortens the wait. */
  onToggleRepair?: (years: number[]) => void;
  /** The quoted year, so its clauses are named by their notice. */
  notice?: NoticeName;
  /** The child's birth year is offered below, as an order of its own (the quote's `birthYear`). */
  birthYearOffered?: boolean;
  /** The region's office, for a member sent to the counter. */
  counter?: Counter | null | undefined;
}

const yearsText = (years: readonly number[]) => years.map((y) => `${y}年度`).join('、');

/** 修复: the back-payment chosen for this order, or the one offered, as a line the payer ticks. */
function RepairLine({ member: m, onToggle }: { member: PayMember; onToggle?: ((years: number[]) => void) | undefined }) {
  const chosen = m.repair;
  const offer = m.repairOffer;
  if (!chosen && !offer) return null;
  const label = chosen
    ? `补缴${yearsText(chosen.years)}（按本年度个人缴费标准）`
    : `补缴${yearsText(offer!.years)}${yuan(offer!.amount)}，可提前到${day(offer!.benefitsFrom)}起享受待遇`;
  return (
    <View className='row repair' id={`repair-${m.memberId}`} onClick={() => onToggle?.(chosen ? chosen.years : offer!.years)} ariaRole='checkbox' ariaChecked={!!chosen} ariaLabel={label}>
      <View className={chosen ? 'check on' : 'check'}>{chosen ? '✓' : ''}</View>
      <Text>{label}</Text>
      {chosen && <Text>{`+${yuan(chosen.amount)}`}</Text>}
    </View>
  );
}

function incentiveText(i: NonNullable<PayMember['incentive']>): string | null {
  if (i.capIncrease === null) return `连续参保第${i.continuousYears}年，大病保险激励按当地规定`;
  if (i.capIncrease.startsWith('-')) return `断保后再参保：大病保险最高支付限额降低${yuan(i.capIncrease.slice(1))}`;
  if (i.capIncrease === '0.00') return null;
  return `连续参保第${i.continuousYears}年：大病保险最高支付限额提高${yuan(i.capIncrease)}`;
}

export function MemberCard({ member: m, today, selected, onToggle, onToggleRepair, notice, birthYearOffered, counter }: Props) {
  const payable = m.outcome === 'pay';
  const waiting = waitingPeriod(m, today);
  return (
    <View className='card member' id={`member-${m.memberId}`}>
      {payable && (
        <View className='check-target' onClick={onToggle} ariaRole='checkbox' ariaChecked={selected} ariaLabel={`选择${m.name}`}>
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
            <RepairLine member={m} onToggle={onToggleRepair} />
            <View className='row'><Text>本次应缴</Text><Text className='amount'>{yuan(m.due)}</Text></View>
            <Text className='line muted'>
              {ENTRY_LABELS[m.entry]} · 享受待遇 {day(m.coverageStart)} 至 {day(m.coverageEnd)}
            </Text>
            {waiting && <Text className='warn'>{waiting}</Text>}
            {m.newbornPayBy && (
              <Text className='warn' id={`pay-by-${m.memberId}`}>
                {m.newbornPayBy === today ? '今天是最后一天：' : ''}请在{day(m.newbornPayBy)}前（含当天）缴费，逾期出生以来的医疗费用不能报销
              </Text>
            )}
            {m.entry === 'newborn' && m.birthYear < Number(m.coverageStart.slice(0, 4)) && (
              // Cover from birth needs the birth year's own premium (医保办函〔2021〕11号 第十条),
              // which this year's order does not include: said, never left to be found out at a hospital.
              <Text className='warn' id={`birth-year-${m.memberId}`}>
                孩子出生在{m.birthYear}年：本次缴费自{day(m.coverageStart)}起享受待遇。出生当年的医疗费用须另缴{m.birthYear}年度的保费才能报销，
                {birthYearOffered ? '请在下方“出生当年保费”一并缴纳' : '请尽快到医保经办窗口咨询办理（医保服务热线 12393）'}
              </Text>
            )}
            {m.incentive && incentiveText(m.incentive) && <Text className='line'>{incentiveText(m.incentive)}</Text>}
            <Why
              reason={m.reason}
              citations={m.citations}
              notice={notice}
              extra={m.subsidy && <Text className='line'>资助类别：{subsidyCategory(m.subsidy.identity)}，{TIMING_LABELS[m.subsidy.timing]}。</Text>}
            />
          </View>
        ) : (
          <View>
            {m.outcome === 'counter' && <CounterDetails counter={counter} office={m.office} />}
            <Why reason={m.reason} citations={m.citations} notice={notice} label='查看原因' />
          </View>
        )}
      </View>
    </View>
  );
}
