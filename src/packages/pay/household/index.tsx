/**
 * The household for today's date: every member masked, each amount with its reason, the waiting
 * period called out before paying. The payer selects members and pays the total in one order.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { day, yuan } from '../../../app-text/words';
import { plainCitation } from '../../../app-text/citation';
import { MemberCard } from '../../../components/MemberCard';
import { RemindMe } from '../../../components/RemindMe';
import { Problem } from '../../../components/Problem';
import { Screen } from '../../../components/Screen';
import type { FunctionEvent } from '../../../contracts/functions';
import type { FunctionReply } from '../../../contracts/replies';
import { call } from '../../../services/api';
import { openPayEntry } from '../../../services/pay-entry';
import { requestPayment } from '../../../services/payment';
import { BirthYearCard } from './BirthYearCard';
import { totalOf } from './total';

type Quote = FunctionReply<'quote'>;

export default function Household() {
  const { householdId = '' } = useRouter().params;
  const [quote, setQuote] = useState<Quote | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const inFlight = useRef(false);
  // Missing years the payer chose to back-pay (修复), per member: the server prices them and the wait.
  const [repairs, setRepairs] = useState<Record<string, number[]>>({});

  useDidShow(() => {
    void call('quote', { householdId }).then((r) => {
      if (!r.ok) return setProblem(r.message);
      setQuote(r.data);
      setRepairs({});
      // Everyone payable is selected to start with: most families pay for all at once.
      setSelected(new Set(r.data.members.filter((m) => m.outcome === 'pay').map((m) => m.memberId)));
    });
  });

  /** Ticks or unticks a member's back-payment; the quote is asked again, as the order will be. */
  async function toggleRepair(id: string, years: number[]) {
    const next = { ...repairs };
    if (next[id]) delete next[id];
    else next[id] = years;
    const r = await call('quote', { householdId, repairs: next });
    if (!r.ok) return setProblem(r.message);
    setProblem(null);
    setRepairs(next);
    setQuote(r.data);
  }

  function toggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  }

  /** The selected members for the year on sale, with their back-payments. */
  function selection(): FunctionEvent<'createOrder'> {
    const chosenRepairs = Object.fromEntries(Object.entries(repairs).filter(([id]) => selected.has(id)));
    return { householdId, memberIds: [...selected], repairs: chosenRepairs };
  }

  async function pay(request: FunctionEvent<'createOrder'>) {
    // A second tap before the first re-renders the button: one order, one cashier.
    if (!quote || inFlight.current) return;
    inFlight.current = true;
    try {
      await payOnce(request);
    } finally {
      inFlight.current = false;
    }
  }

  async function payOnce(request: FunctionEvent<'createOrder'>) {
    setPaying(true);
    setProblem(null);
    const order = await call('createOrder', request);
    if (!order.ok) {
      setPaying(false);
      return setProblem(order.message);
    }
    if (order.data.payParams) {
      const outcome = await requestPayment(order.data.payParams, order.data.total);
      if (outcome !== 'paid') {
        // What WeChat told the phone is not the last word: the server is asked before anything is
        // said, and "没有扣款" only when the order says so.
        const status = await call('orderStatus', { orderNo: order.data.orderNo });
        if (!status.ok || status.data.status === 'created') {
          setPaying(false);
          return setProblem(
            `${outcome === 'cancelled' ? '支付已取消' : '支付没有完成'}。如果实际已经扣款，系统会自动确认并为您参保，款项不会丢失；也可以稍后在“我的缴费记录”查看（订单号 ${order.data.orderNo}）。`,
          );
        }
        if (status.data.status === 'closed') {
          setPaying(false);
          return setProblem('这笔订单已关闭，没有扣款。可以重新缴费。');
        }
      }
    }
    setPaying(false);
    void Taro.navigateTo({ url: `/packages/pay/result/index?orderNo=${order.data.orderNo}&householdId=${householdId}` });
  }

  /** The region pays at the tax bureau's entry: the amounts are shown, the payer is handed there. */
  async function payElsewhere() {
    const entry = quote?.payElsewhere;
    if (!entry) return;
    if (!(await openPayEntry(entry))) setProblem(`请在微信中搜索“${entry.name}”，按页面提示为家人缴费。`);
  }

  const payable = quote?.members.filter((m) => m.outcome === 'pay') ?? [];
  const total = quote ? totalOf(quote, selected) : '0.00';
  return (
    <Screen>
      <Problem message={problem} />
      {quote && (
        <View>
          <View className='card'>
            <Text className='title'>{quote.region} {quote.coverageYear}年度</Text>
            <Text className='line muted'>按今天（{day(quote.today)}）缴费计算</Text>
            {quote.wholeHousehold && (
              <Text className='warn'>
                {quote.wholeHousehold.reason}（{quote.wholeHousehold.citations.map((c) => plainCitation(c, { id: quote.policy, region: quote.region, coverageYear: quote.coverageYear })).join('、')}）
              </Text>
            )}
            {quote.payElsewhere && (
              <Text className='warn' id='pay-elsewhere'>
                本地区城乡居民医保费由税务部门征收：请在“{quote.payElsewhere.name}”缴费，金额以税务部门核定为准。本程序只核算金额，不收取保费。
              </Text>
            )}
          </View>
          {quote.members.map((m) => (
            <MemberCard
              key={m.memberId}
              member={m}
              today={quote.today}
              selected={selected.has(m.memberId)}
              onToggle={() => toggle(m.memberId)}
              onToggleRepair={(years) => void toggleRepair(m.memberId, years)}
              notice={{ id: quote.policy, region: quote.region, coverageYear: quote.coverageYear }}
              counter={quote.counter}
              birthYearOffered={!quote.payElsewhere && !!quote.birthYear?.members.some((b) => b.memberId === m.memberId)}
            />
          ))}
          {quote.birthYear && !quote.payElsewhere && (
            <BirthYearCard
              offer={quote.birthYear}
              region={quote.region}
              today={quote.today}
              paying={paying}
              onPay={() => void pay({ householdId, memberIds: quote.birthYear!.members.map((m) => m.memberId), coverageYear: quote.birthYear!.coverageYear })}
            />
          )}
          {quote.reminder && (
            <View className='card' id='deadline-reminder'>
              <Text className='subtitle'>缴费截止提醒</Text>
              <Text className='line'>
                {quote.reminder.newborn ? `新生儿须在${day(quote.reminder.payBy)}前（含当天）缴费，逾期出生以来的医疗费用不能报销。` : `缴费截止日：${day(quote.reminder.payBy)}（含当天）。`}
              </Text>
              <RemindMe templateId={quote.reminder.templateId} ask={{ kind: 'deadline', householdId }} label={`${day(quote.reminder.sendOn)}提醒我（微信服务通知）`} id='remind-deadline' />
            </View>
          )}
          <View className='card'>
            <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/newborn/index?householdId=${householdId}` })}>
              新生儿参保登记
            </Button>
            <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/voucher/index?householdId=${householdId}` })}>
              医保电子凭证
            </Button>
          </View>
          {payable.length > 0 && quote.payElsewhere && (
            <View className='bottom-bar'>
              <View>
                <Text className='line muted'>已选 {selected.size} 人，应缴</Text>
                <Text className='amount' id='total'>{yuan(total)}</Text>
              </View>
              <Button className='btn' onClick={() => void payElsewhere()}>
                前往“{quote.payElsewhere.name}”
              </Button>
            </View>
          )}
          {payable.length > 0 && !quote.payElsewhere && (
            <View className='bottom-bar'>
              <View>
                <Text className='line muted'>已选 {selected.size} 人，合计</Text>
                <Text className='amount' id='total'>{yuan(total)}</Text>
              </View>
              <Button className={(selected.size === 0 || paying) ? 'btn disabled' : 'btn'} disabled={(selected.size === 0 || paying) || undefined} loading={paying || undefined} onClick={() => void pay(selection())}>
                {total === '0.00' ? '确认参保' : '去缴费'}
              </Button>
            </View>
          )}
        </View>
      )}
    </Screen>
  );
}
