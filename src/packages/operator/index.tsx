/**
 * For township and county staff: collection progress of each coverage year on sale, per township
 * or village against the notice's targets with the list of who has still to pay there, refunds that
 * need someone (failed ones retried from here), newborns registered by two households to decide,
 * and the way to import rosters and subsidy lists. The server decides who is an operator; everyone
 * else is told so.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Problem } from '../../components/Problem';
import { Screen } from '../../components/Screen';
import type { FunctionReply } from '../../contracts/replies';
import { call } from '../../services/api';
import { offerCsv } from '../../services/csv-file';
import { openProof } from '../../services/proof';
import { actAsDemoOperator, canActAsDemoOperator } from '../../services/upload';
import { csvLine } from '../../core/csv';

type Progress = FunctionReply<'progress'>;
type Refund = FunctionReply<'refundsToAttend'>[number];
type Unit = Progress['units'][number];
type Unpaid = FunctionReply<'unpaidList'>;

const percent = (u: Unit) => (u.permille === null ? '—' : `${Math.floor(u.permille / 10)}.${u.permille % 10}%`);

function UnitRow({ u, onUnpaid }: { u: Unit; onUnpaid?: () => void }) {
  return (
    <View className='unit'>
      <View className='row'>
        <Text className='subtitle'>{u.unit}</Text>
        {onUnpaid && <Button className='btn small secondary' onClick={onUnpaid}>未缴名单</Button>}
      </View>
      <Text className='line'>
        参保 {u.enrolled.toLocaleString('zh-CN')}{u.target === null ? '' : ` / 目标 ${u.target.toLocaleString('zh-CN')}（${percent(u)}）`}
        {u.roster === null ? '' : ` · 花名册 ${u.roster.toLocaleString('zh-CN')} 人`}
      </Text>
    </View>
  );
}

/** The list for village doctors and cadres: one line per member still to pay (or to see at the counter). */
function unpaidCsv(list: Unpaid): string {
  const rows = [...list.unpaid.map((m) => ({ ...m, kind: '未缴费' })), ...list.atCounter.map((m) => ({ ...m, kind: '须到窗口办理' }))];
  return [csvLine(['户编号', '姓名', '出生年份', '应缴金额（元）', '状态', '说明']), ...rows.map((m) => csvLine([m.householdId, m.name, m.birthYear, m.due ?? '', m.kind, m.reason]))].join('');
}

export default function Operator() {
  const [years, setYears] = useState<Progress[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notOperator, setNotOperator] = useState(false);
  const [refunds, setRefunds] = useState<Refund[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [unpaid, setUnpaid] = useState<Unpaid | null>(null);

  async function showUnpaid(policyId: string, unit: string) {
    setProblem(null);
    const r = await call('unpaidList', { policyId, unit });
    if (!r.ok) return setProblem(r.message);
    setUnpaid(r.data);
  }

  async function exportUnpaid(list: Unpaid) {
    setProblem(null);
    setProblem(await offerCsv(`${list.unit}未缴名单.csv`, unpaidCsv(list), '未缴名单'));
  }

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
    const attend = await call('refundsToAttend', {});
    if (attend.ok) setRefunds(attend.data);
  };

  /** Approves a refund request, or rejects it with the reason the resident will read. */
  async function review(refundNo: string, approve: boolean) {
    setProblem(null);
    const note = notes[refundNo]?.trim() ?? '';
    if (!approve && !note) return setProblem('不予退费时请先在下方写明原因，居民会看到');
    const r = await call('reviewRefund', approve ? { refundNo, approve } : { refundNo, approve, note });
    if (!r.ok) return setProblem(r.message);
    await load();
  }

  /** A newborn registered by two households: the operator has seen the birth certificate. */
  async function decide(c: Progress['newbornConflicts'][number], keep: 'claimant' | 'registered') {
    setProblem(null);
    const kept = keep === 'claimant' ? c.householdId : c.registeredIn;
    const voided = keep === 'claimant' ? c.registeredIn : c.householdId;
    const sure = await Taro.showModal({ title: '核定新生儿登记', content: `孩子${c.name}登记在户 ${kept}；户 ${voided} 的登记作废，已缴保费原路退回。确定吗？` });
    if (!sure.confirm) return;
    const r = await call('resolveNewbornClaim', { claimantId: c.claimantId, keep });
    if (!r.ok) return setProblem(r.message);
    await load();
  }

  async function retry(refundNo: string) {
    setProblem(null);
    const r = await call('retryRefund', { refundNo });
    if (!r.ok) return setProblem(r.message);
    await load();
  }
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
          {p.units.map((u) => <UnitRow key={u.unit} u={u} onUnpaid={() => void showUnpaid(p.policyId, u.unit)} />)}
          <Text className='line muted'>
            电子凭证激活 {p.vouchers.activated.toLocaleString('zh-CN')} / 参保 {p.vouchers.enrolled.toLocaleString('zh-CN')}
            {p.vouchers.targetPercent === null ? '' : `（目标 ${p.vouchers.targetPercent}%，${p.vouchers.cite}）`}
          </Text>
          {p.newbornConflicts.length > 0 && (
            <View id={`newborn-conflicts-${p.policyId}`}>
              <Text className='warn'>新生儿登记待核定（{p.newbornConflicts.length}）：同一个孩子被两户在线登记，两户都可以缴费。请联系两户、核对出生医学证明上的父母后核定：另一户的登记作废，已缴保费自动退回。</Text>
              {p.newbornConflicts.map((c) => (
                <View key={c.claimantId} className='line' id={`claim-${c.claimantId}`}>
                  <Text className='line muted'>{c.name}：先登记在户 {c.registeredIn}，户 {c.householdId} 又登记</Text>
                  <Button className='btn small secondary' onClick={() => void decide(c, 'registered')}>属于户 {c.registeredIn}</Button>
                  <Button className='btn small secondary' onClick={() => void decide(c, 'claimant')}>属于户 {c.householdId}</Button>
                </View>
              ))}
            </View>
          )}
        </View>
      ))}
      {unpaid && (
        <View className='card' id='unpaid-list'>
          <Text className='subtitle'>{unpaid.unit} 未缴名单</Text>
          <Text className='line'>
            花名册 {unpaid.households} 户 {unpaid.persons} 人；未缴费 {unpaid.unpaid.length} 人，须到窗口办理 {unpaid.atCounter.length} 人{unpaid.truncated ? '（户数较多，仅列出前一部分）' : ''}
          </Text>
          {[...unpaid.unpaid, ...unpaid.atCounter].slice(0, 200).map((m) => (
            <Text key={`${m.householdId}-${m.name}-${m.birthYear}-${m.coverageYear ?? ''}`} className='line muted'>
              户 {m.householdId} {m.name}（{m.birthYear}年生）{m.due === null ? '须到窗口办理' : `应缴 ${m.due} 元`}{m.coverageYear ? `（出生当年${m.coverageYear}年度）` : ''}
            </Text>
          ))}
          <Button className='btn small' onClick={() => void exportUnpaid(unpaid)}>{process.env.TARO_ENV === 'h5' ? '下载名单（CSV）' : '复制名单（可粘贴到表格）'}</Button>
        </View>
      )}
      {years && refunds.length > 0 && (
        <View className='card' id='refunds-to-attend'>
          <Text className='subtitle'>需要处理的退款（{refunds.length}）</Text>
          {refunds.map((r) => (
            <View key={r.refundNo} className='line'>
              <Text className='line'>{r.memberName} · {r.amount} 元 · {r.reason} · 第{r.attempt}次</Text>
              {r.applicant && <Text className='line'>申请人：{r.applicant}</Text>}
              <Text className={r.status === 'failed' ? 'error' : 'line muted'}>{r.failure ?? r.statusText}</Text>
              {r.status === 'review' && (
                <View id={`review-${r.refundNo}`}>
                  {r.proof?.url ? (
                    <Button className='btn small secondary' id={`proof-${r.refundNo}`} onClick={() => void openProof({ url: r.proof!.url!, type: r.proof!.type })}>
                      查看证明材料（{r.proof.type === 'pdf' ? 'PDF' : '照片'}）
                    </Button>
                  ) : (
                    <Text className='line muted'>{r.proof ? '证明材料已超过保存期限，请联系申请人补充。' : '申请人没有上传证明材料。'}</Text>
                  )}
                  <Text className='line muted'>请核对退费原因的证明材料后审核（审核后证明材料即删除）：</Text>
                  <Input className='input' placeholder='不予退费的原因（居民可见）' value={notes[r.refundNo] ?? ''} onInput={(e) => setNotes({ ...notes, [r.refundNo]: e.detail.value })} />
                  <Button className='btn small' onClick={() => void review(r.refundNo, true)}>同意退费</Button>
                  <Button className='btn small secondary' onClick={() => void review(r.refundNo, false)}>不予退费</Button>
                </View>
              )}
              {r.status === 'failed' && (
                <Button className='btn small' onClick={() => void retry(r.refundNo)}>重新发起退款</Button>
              )}
            </View>
          ))}
        </View>
      )}
      {years && (
        <Button className='btn' onClick={() => Taro.navigateTo({ url: '/packages/operator/import/index' })}>导入花名册或部门名单</Button>
      )}
      {years && (
        <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: '/packages/operator/policy/index' })}>参保年度政策：起草、审批、发布</Button>
      )}
    </Screen>
  );
}
