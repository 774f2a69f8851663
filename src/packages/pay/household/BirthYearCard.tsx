/**
 * 出生当年保费: a child born the year before the one on sale, still inside its window, pays its
 * birth year for cover from birth (医保办函〔2021〕11号 第十条). A year of its own, so an order of
 * its own, with its own certificate.
 */
import { Button, Text, View } from '@tarojs/components';
import { day, yuan } from '../../../app-text/words';
import { Why } from '../../../components/Why';
import type { FunctionReply } from '../../../contracts/replies';

type Offer = NonNullable<FunctionReply<'quote'>['birthYear']>;

export function BirthYearCard({ offer, region, today, paying, onPay }: { offer: Offer; region: string; today: string; paying: boolean; onPay: () => void }) {
  const notice = { id: offer.policy, region, coverageYear: offer.coverageYear };
  return (
    <View className='card' id='birth-year'>
      <Text className='subtitle'>出生当年保费（{offer.coverageYear}年度）</Text>
      {offer.members.map((m) => (
        <View key={m.memberId}>
          <View className='row'>
            <Text>{m.name}（{m.birthYear}年生）</Text>
            <Text className='amount'>{yuan(m.due)}</Text>
          </View>
          <Text className='line muted'>享受待遇 {day(m.coverageStart)} 至 {day(m.coverageEnd)}（自出生之日起）</Text>
          {m.newbornPayBy && (
            <Text className='warn'>
              {m.newbornPayBy === today ? '今天是最后一天：' : ''}请在{day(m.newbornPayBy)}前（含当天）缴纳，逾期出生当年的医疗费用不能报销
            </Text>
          )}
          <Why reason={m.reason} citations={m.citations} notice={notice} />
        </View>
      ))}
      <Button className={paying ? 'btn disabled' : 'btn'} id='pay-birth-year' disabled={paying || undefined} onClick={onPay}>
        {offer.totalDue === '0.00' ? `确认参保${offer.coverageYear}年度` : `缴纳${offer.coverageYear}年度保费 ${yuan(offer.totalDue)}`}
      </Button>
      <Text className='line muted'>与{offer.coverageYear + 1}年度分开支付，各有一张缴费证明。</Text>
    </View>
  );
}
