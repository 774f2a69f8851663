/**
 * A county's coverage years as data, for its staff: draft next year from this year's values (each
 * amount and date with its clause typed beside it), see what is still missing, approve another
 * operator's draft, publish it — on sale from the day it names, without a deployment (policyVersions).
 */
import { Button, Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { subsidyCategory } from '../../../app-text/words';
import { IDENTITY_LABELS, type IdentityCode } from '../../../core/vocabulary';
import { Problem } from '../../../components/Problem';
import { Screen } from '../../../components/Screen';
import { call } from '../../../services/api';
import { addWindow, type PreviewReply } from './add-preview';
import { offerCsv } from '../../../services/csv-file';
import { PREVIEW_CSV_HEADER, previewCsvLine } from '../../../policies/preview-csv';

type Json = Record<string, any>;
type Preview = PreviewReply;
interface Version {
  policyId: string;
  version: number;
  status: 'draft' | 'approved' | 'published' | 'superseded';
  reason: string;
  saleFrom?: string | null;
  missing: string[];
  staleCites: string[];
  invalid: string[];
}

const STATUS: Record<Version['status'], string> = { draft: '草稿', approved: '已审批，待发布', published: '已发布', superseded: '已被更正版本取代' };

/** A published version's state on `today`: sold now, or from the day its publisher named. */
const publishedWords = (v: Version, today: string) => (v.status === 'published' && v.saleFrom && v.saleFrom > today ? `已发布，${v.saleFrom}起销售` : v.status === 'published' ? '已发布（销售中）' : STATUS[v.status]);

/** The values every notice states anew, each with its clause. */
const FIELDS: Array<[path: string, label: string]> = [
  ['standard', '个人缴费标准（元）'],
  ['fiscalPerCapita', '财政补助标准（元）'],
  ['collection.opens', '集中参保期开始（YYYY-MM-DD）'],
  ['collection.closes', '集中参保期结束'],
  ['coverage.start', '待遇期开始'],
  ['coverage.end', '待遇期结束'],
];

/** The rest a bureau changes from year to year: [label, value path, clause path or null]. */
const MORE_FIELDS: Array<[label: (d: Json) => string, value: string, cite: string | null]> = [
  [(d) => `新生儿参保期限（${d.newborn?.window?.unit === 'months' ? '个月' : '天'}）`, 'newborn.window.length', 'newborn.window.cite'],
  [() => '跨两个年度出生的新生儿可补缴出生当年保费：通知条款（通知没有此规定的留空）', 'newborn.bothYears', null],
  [() => '连续参保激励：每多一年提高大病保险最高支付限额（元）', 'national.incentive.continuousStep', null],
  [() => '零报销激励：次年提高（元）', 'national.incentive.claimFreeStep', null],
  [() => '断保后再参保降低（元）', 'national.incentive.breakPenalty', null],
  [() => '大病保险基础最高支付限额（元）', 'national.incentive.baseCap', 'national.incentive.cite'],
  [() => '经办窗口名称', 'counterOffice', null],
  [() => '经办窗口地址', 'counter.address', null],
  [() => '咨询电话', 'counter.phone', null],
  [() => '办公时间', 'counter.hours', null],
  [() => '办理时须携带的证件材料', 'counter.bring', null],
  [() => '能否由亲属代办（及代办须带什么）', 'counter.relativeMayGo', 'counter.cite'],
];

const read = (o: Json, path: string): any => path.split('.').reduce((x, k) => (x == null ? x : x[k]), o);
function written(o: Json, path: string, value: unknown): Json {
  // A JSON round trip, not structuredClone: WeChat's engines have no structuredClone (nor replaceAll or at() before iOS 15.4).
  const copy = JSON.parse(JSON.stringify(o)) as Json;
  const keys = path.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys[keys.length - 1]!] = value;
  return copy;
}

export default function PolicyYears() {
  const [versions, setVersions] = useState<Version[]>([]);
  /** Years a draft may start for: next year of each year on sale, and each year still pending. */
  const [startable, setStartable] = useState<Array<{ region: string; name: string; year: number }>>([]);
  const [draft, setDraft] = useState<Json | null>(null);
  const [saved, setSaved] = useState<Version | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ of: string; report: Preview; done: boolean } | null>(null);
  const [today, setToday] = useState('');
  /** The first sale date typed for each approved version (today when left as it is). */
  const [saleFrom, setSaleFrom] = useState<Record<string, string>>({});

  async function load() {
    const list = await call('policyVersions', { action: 'list' });
    if (!list.ok) return setProblem(list.message);
    setVersions(list.data as Version[]);
    const sale = await call('onSale', {});
    if (sale.ok) setToday(sale.data.today);
    if (sale.ok) setStartable([...sale.data.regions.map((r) => ({ ...r, year: r.coverageYear + 1 })), ...sale.data.pending.map((p) => ({ ...p, year: p.coverageYear }))]);
  }
  useDidShow(() => void load());

  async function start(region: string, year: number) {
    setProblem(null);
    const t = await call('policyVersions', { action: 'template', region, year });
    if (!t.ok) return setProblem(t.message);
    setDraft(t.data as Json);
    setSaved(null);
  }

  async function save() {
    if (!draft) return;
    setProblem(null);
    const r = await call('policyVersions', { action: 'draft', data: draft, reason: '经办页面起草' });
    if (!r.ok) return setProblem(r.message);
    setSaved(r.data as Version);
    await load();
  }

  /** The operator has checked each clause against the new notice: last year's numbering becomes this year's. */
  function reciteAll() {
    if (!draft) return;
    const last = String(draft['$上年度']?.id ?? '');
    setDraft(JSON.parse(JSON.stringify(draft).split(`${last} §`).join(`${draft.id} §`)));
  }

  /** The whole roster, a window at a time, added up and shown as it grows. */
  async function showPreview(v: Version) {
    setProblem(null);
    const of = `${v.policyId} 第${v.version}版`;
    let report: Preview | null = null;
    let after: string | undefined;
    do {
      const r = await call('policyVersions', after ? { action: 'preview', policyId: v.policyId, version: v.version, after } : { action: 'preview', policyId: v.policyId, version: v.version });
      if (!r.ok) return setProblem(r.message);
      report = addWindow(report, r.data as Preview);
      after = report.next ?? undefined;
      setPreview({ of, report, done: !after });
    } while (after);
  }

  /** Every changed person, as the CLI writes them (npm run policy -- preview --csv). */
  async function exportChanges() {
    if (!preview) return;
    setProblem(null);
    const csv = [PREVIEW_CSV_HEADER, ...preview.report.changes.map(previewCsvLine)].join('');
    setProblem(await offerCsv(`${preview.of.replace(/\s/g, '')}变化名单.csv`, csv, '变化名单'));
  }

  async function decide(v: Version, action: 'approve' | 'publish') {
    setProblem(null);
    const day = saleFrom[`${v.policyId}-${v.version}`]?.trim() || today;
    const r = await call('policyVersions', action === 'publish' ? { action, policyId: v.policyId, version: v.version, saleFrom: day } : { action, policyId: v.policyId, version: v.version });
    if (!r.ok) return setProblem(r.message);
    await load();
  }

  /** A number stays a number (the newborn window's length); emptied, a value is left for the notice. */
  const typed = (path: string, text: string) => setDraft(written(draft!, path, text === '' ? null : typeof read(draft!, path) === 'number' && /^\d+$/.test(text) ? Number(text) : text));

  const more = ([label, value, cite]: (typeof MORE_FIELDS)[number]) => (
    <View key={value} className='line'>
      <Text className='line'>{label(draft!)}</Text>
      <Input className='input' id={`f-${value.split('.').join('-')}`} placeholder={label(draft!)} value={String(read(draft!, value) ?? '')} onInput={(e) => typed(value, e.detail.value)} />
      {cite && <Input className='input' id={`f-${cite.split('.').join('-')}`} placeholder='条款' value={read(draft!, cite) ?? ''} onInput={(e) => typed(cite, e.detail.value)} />}
    </View>
  );

  /** Who waits no waiting period (国办发〔2024〕38号 lets each region list them). */
  const exempt: string[] | undefined = draft?.national?.waiting?.exempt?.identities;
  const toggleExempt = (code: string) =>
    setDraft(written(draft!, 'national.waiting.exempt.identities', exempt!.includes(code) ? exempt!.filter((c) => c !== code) : [...exempt!, code]));

  const cited = (path: string) => (
    <View key={path} className='line'>
      <Text className='line'>{FIELDS.find(([p]) => p === path)![1]}</Text>
      <Input className='input' id={`f-${path.replace('.', '-')}-value`} placeholder={FIELDS.find(([p]) => p === path)![1]} value={read(draft!, `${path}.value`) ?? ''} onInput={(e) => setDraft(written(draft!, `${path}.value`, e.detail.value || null))} />
      <Input className='input' id={`f-${path.replace('.', '-')}-cite`} placeholder='条款，如 demo-2028 §个人缴费' value={read(draft!, `${path}.cite`) ?? ''} onInput={(e) => setDraft(written(draft!, `${path}.cite`, e.detail.value || null))} />
    </View>
  );

  return (
    <Screen>
      <Problem message={problem} />
      <View className='card' id='policy-versions'>
        <Text className='subtitle'>参保年度政策</Text>
        {versions.length === 0 && <Text className='line muted'>还没有在线起草的年度；各地区现行年度来自已发布的通知。</Text>}
        {versions.map((v) => (
          <View key={`${v.policyId}-${v.version}`} className='line' id={`version-${v.policyId}-${v.version}`}>
            <Text className='line'>{v.policyId} 第{v.version}版 · {publishedWords(v, today)}</Text>
            {[...v.missing, ...v.staleCites.map((c) => `条款仍引用其他年度：${c}`), ...v.invalid].slice(0, 3).map((g) => (
              <Text key={g} className='line muted'>{g}</Text>
            ))}
            {(v.status === 'draft' || v.status === 'approved') && v.missing.length + v.staleCites.length + v.invalid.length === 0 && (
              <Button className='btn small secondary' onClick={() => void showPreview(v)}>预览变化（对照现行年度）</Button>
            )}
            {v.status === 'draft' && v.missing.length + v.staleCites.length + v.invalid.length === 0 && (
              <Button className='btn small' onClick={() => void decide(v, 'approve')}>审批通过（须由起草人以外的经办人员）</Button>
            )}
            {v.status === 'approved' && (
              <View className='line'>
                <Text className='line'>开始销售日期（不早于今天；更正版本自该日起取代原版本）</Text>
                <Input className='input' id={`sale-from-${v.policyId}-${v.version}`} placeholder='开始销售日期 YYYY-MM-DD' value={saleFrom[`${v.policyId}-${v.version}`] ?? today} onInput={(e) => setSaleFrom({ ...saleFrom, [`${v.policyId}-${v.version}`]: e.detail.value })} />
                <Button className='btn small' onClick={() => void decide(v, 'publish')}>发布</Button>
              </View>
            )}
          </View>
        ))}
      </View>
      {preview && (
        <View className='card' id='policy-preview'>
          <Text className='subtitle'>{preview.of} 对照 {preview.report.current}</Text>
          <Text className='line'>
            {preview.report.households} 户 {preview.report.persons} 人{preview.done ? '（全部花名册）' : '，继续预览中…'}
          </Text>
          {preview.done && (
            <Button className='btn small secondary' onClick={() => void exportChanges()}>
              {process.env.TARO_ENV === 'h5' ? `下载变化名单（CSV，${preview.report.changes.length} 人）` : `复制变化名单（${preview.report.changes.length} 人）`}
            </Button>
          )}
          <Text className='line'>本年度个人缴费合计：{preview.report.before.personal} → {preview.report.after.personal} 元</Text>
          {Object.keys({ ...preview.report.before.subsidies, ...preview.report.after.subsidies }).map((k) => (
            <Text key={k} className='line'>资助（{k}）：{preview.report.before.subsidies[k] ?? '0.00'} → {preview.report.after.subsidies[k] ?? '0.00'} 元</Text>
          ))}
          {Object.entries({ ...preview.report.outcomeChanges, ...preview.report.amountChanges }).map(([reason, n]) => (
            <Text key={reason} className='line muted'>{reason}（{n} 人）</Text>
          ))}
          {preview.report.sample.flatMap((h) => h.members).slice(0, 20).map((m) => (
            <Text key={`${m.ref}-${m.name}-${m.reason}`} className='line muted'>
              {m.ref} {m.name}：{m.before.due ?? m.before.outcome} → {m.after.due ?? m.after.outcome}
            </Text>
          ))}
        </View>
      )}
      {!draft && startable.map((r) => (
        <Button key={`${r.region}-${r.year}`} className='btn secondary' onClick={() => void start(r.region, r.year)}>
          起草{r.name}{r.year}年度
        </Button>
      ))}
      {draft && (
        <View className='card' id='policy-draft'>
          <Text className='subtitle'>{draft.id}（以上一年度为底稿，每个数值写明条款）</Text>
          <Text className='line'>通知标题</Text>
          <Input className='input' id='f-notice-title' placeholder='通知标题' value={draft.notice?.title ?? ''} onInput={(e) => setDraft(written(draft, 'notice.title', e.detail.value || null))} />
          {FIELDS.filter(([p]) => read(draft, p) !== null).map(([p]) => cited(p))}
          {MORE_FIELDS.filter(([, value]) => read(draft, value) !== undefined).map(more)}
          {exempt && (
            <View className='line' id='f-exempt'>
              <Text className='line'>免等待期人员（点选）</Text>
              {(Object.keys(IDENTITY_LABELS) as IdentityCode[]).map((code) => (
                <Button key={code} className={`btn small ${exempt.includes(code) ? '' : 'secondary'}`} onClick={() => toggleExempt(code)}>
                  {exempt.includes(code) ? '✓ ' : ''}{IDENTITY_LABELS[code]}
                </Button>
              ))}
              <Input className='input' id='f-national-waiting-exempt-cite' placeholder='条款' value={draft.national.waiting.exempt.cite ?? ''} onInput={(e) => typed('national.waiting.exempt.cite', e.detail.value)} />
            </View>
          )}
          {(draft.subsidies as Json[]).map((s, i) => (
            <View key={i} className='line'>
              <Text className='line'>资助：{subsidyCategory(s.by === 'age' ? s.code : s.identity)}（元）</Text>
              <Input className='input' id={`f-subsidy-${i}-amount`} placeholder={`资助：${subsidyCategory(s.by === 'age' ? s.code : s.identity)}（元）`} value={s.amount ?? ''} onInput={(e) => setDraft(written(draft, `subsidies.${i}.amount`, e.detail.value || null))} />
              <Input className='input' id={`f-subsidy-${i}-cite`} placeholder='条款' value={s.cite ?? ''} onInput={(e) => setDraft(written(draft, `subsidies.${i}.cite`, e.detail.value || null))} />
            </View>
          ))}
          {saved && (
            <View id='draft-gaps'>
              <Text className='line'>{saved.policyId} 第{saved.version}版已保存为草稿。</Text>
              {[...saved.missing.map((m) => `还缺少：${m}`), ...saved.staleCites.map((c) => `条款仍引用其他年度：${c}`), ...saved.invalid].map((g) => (
                <Text key={g} className='warn'>{g}</Text>
              ))}
              {saved.staleCites.length > 0 && <Button className='btn secondary' onClick={reciteAll}>已核对新通知：其余条款改为{draft.id}的编号</Button>}
            </View>
          )}
          <Button className='btn' onClick={() => void save()}>保存草稿</Button>
        </View>
      )}
    </Screen>
  );
}
