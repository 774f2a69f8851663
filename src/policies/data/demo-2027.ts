/**
 * 示范县 (fictional) 2027年度: the demo region, on the national layer with plain values
 * (shared/spec/DEMO_REGION.md). It exists so the product sells a current coverage year on the real
 * date and the national rules have exact, testable numbers; the screen names it as fictional.
 * Clauses cite DEMO_REGION.md's sections; "demo 决定" marks where the national text leaves a choice.
 */
import { nationalLayer } from '../national/guobanfa-2024-38';
import type { PolicyInput } from '../schema';

const S = (section: string) => `demo-2027 §${section}`;

export default {
  id: 'demo-2027',
  region: { code: 'demo', name: '示范县（虚构）', parent: '虚构示范地区' },
  coverageYear: 2027,
  notice: { title: '示范县2027年度城乡居民基本医疗保险参保缴费规定（虚构示范）', issuer: '示范县医疗保障局（虚构）', documentNo: null, issuedOn: null },
  coverage: { start: { value: '2027-01-01', cite: S('待遇期') }, end: { value: '2027-12-31', cite: S('待遇期') } },
  standard: { value: '400.00', cite: S('个人缴费') },
  fiscalPerCapita: { value: '724.00', cite: S('个人缴费') },
  collection: { opens: { value: '2026-09-01', cite: S('集中参保期') }, closes: { value: '2027-02-28', cite: S('集中参保期') } },
  extensions: [],
  subsidies: [
    ...(['tekun', 'orphan', 'de_facto_orphan'] as const).map((identity) => ({ by: 'identity' as const, identity, amount: '400.00', fundedBy: '按示范县规定', cite: S('资助') })),
    { by: 'identity', identity: 'dibao', amount: '280.00', fundedBy: '按示范县规定', cite: S('资助') },
    ...(['poverty_relapsed', 'poverty_monitored'] as const).map((identity) => ({ by: 'identity' as const, identity, amount: '200.00', fundedBy: '按示范县规定', cite: S('资助') })),
  ],
  highestOnlyCite: S('资助（就高，不重复）'),
  subsidyWithheld: [],
  late: null,
  lateEntries: [],
  newborn: {
    kind: 'window',
    window: { unit: 'days', length: 90, cite: S('新生儿') },
    withinWindow: [{ start: 'birth_or_coverage_start', cite: S('新生儿') }],
    afterWindow: { start: 'as_any_resident', cite: S('新生儿') },
  },
  scope: {
    employeeInsured: S('参保范围'),
    servingMilitaryOrPrison: { kind: 'counter', cite: S('参保范围') },
    nonlocal: { withPermit: S('参保范围'), withoutPermit: { outcome: 'counter', cite: S('参保范围') }, childrenOfPermitHolders: null },
    hmtPermit: { outcome: 'counter', cite: S('参保范围') },
    foreignerPermanent: { outcome: 'counter', cite: S('参保范围') },
    school: { cite: S('参保范围'), subsidisedMayPayHere: null },
  },
  wholeHousehold: null,
  refund: { reasons: ['duplicate', 'joined_employee', 'joined_other_region', 'death', 'emigrated'], cite: '医保办函〔2021〕11号 第十六条', productDefault: true },
  counterOffice: '示范县医疗保障服务中心',
  counter: { address: '示范县人民路1号', phone: '0000-12393', hours: '工作日9:00–17:00', bring: null, relativeMayGo: null, cite: S('经办窗口') },
  targets: null,
  voucherActivationTarget: null,
  national: {
    ...nationalLayer,
    waiting: {
      ...nationalLayer.waiting,
      exempt: { identities: ['tekun', 'orphan', 'de_facto_orphan', 'dibao', 'poverty_relapsed'], employeeGapDays: 90, cite: S('等待期（免等待期人员，demo 决定）') },
      neverEnrolled: S('等待期（从未参保只设固定等待期，demo 决定）'),
    },
    incentive: { ...nationalLayer.incentive, continuousStep: '3000.00', claimFreeStep: '3000.00', breakPenalty: '3000.00', baseCap: '300000.00', cite: S('激励（金额同山东）') },
  },
  decisions: [
    { topic: '参保记录未知', decision: '未提供 enrolledYears 的按连续参保计算（k = 0），并在说明中写明。' },
    { topic: '从未参保', decision: '2026年以前出生、从未参加任何基本医保的，只设3个月固定等待期，不设变动等待期；2026年及以后出生的无断保。' },
    { topic: '免等待期', decision: '新生儿（出生90日内）、特困、孤儿、事实无人抚养儿童、低保、返贫致贫人员，及职工医保中断90日内转入居民医保的人员。' },
    { topic: '集中参保期后缴费', decision: '等待期自缴费之日起算：缴费日 + N个月的次日起享受待遇；超过2027-12-31的本年度不收费，提示参加下一年度。' },
    { topic: '修复', decision: '每补缴1个断保年度400.00元（当年个人缴费标准，无资助），减少1个月变动等待期；断保4年及以上的修复后等待期不少于6个月。' },
    { topic: '退费', decision: '本规定未列退费条款，按医保办函〔2021〕11号第十六条：待遇享受期开始前因死亡、重复缴费、参加职工医保、参加其他地区居民医保或出国定居的可申请退还个人缴费；开始后不退。' },
  ],
} satisfies PolicyInput;
