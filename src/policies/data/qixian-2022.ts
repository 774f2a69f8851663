/**
 * 蕲县镇2022年度城乡居民基本医疗保险征缴工作实施方案 (shared/seeds/qixian-2022.txt), 蕲县政〔2021〕16号.
 */
import type { PolicyInput } from '../schema';

const fullSubsidy = (
  [
    'tekun', 'orphan', 'de_facto_orphan', 'fp_rural_one_daughter', 'fp_rural_two_daughters', 'fp_only_child_bereaved_disabled',
    'fp_sterilization_complication', 'veteran_preferential', 'retired_armed_police', 'village_cadre',
  ] as const
).map((identity) => ({ by: 'identity' as const, identity, amount: '320.00', fundedBy: '医疗救助', cite: 'qixian-2022 §四(二)1' }));

export default {
  id: 'qixian-2022',
  region: { code: 'qixian', name: '蕲县镇', parent: '安徽省宿州市埇桥区' },
  coverageYear: 2022,
  notice: {
    title: '蕲县镇2022年度城乡居民基本医疗保险征缴工作实施方案',
    issuer: '蕲县镇人民政府',
    documentNo: '蕲县政〔2021〕16号',
    issuedOn: '2021-10-18',
  },
  coverage: {
    start: { value: '2022-01-01', cite: 'qixian-2022 §五(一)' },
    end: { value: '2022-12-31', cite: 'qixian-2022 §五(一)' },
  },
  standard: { value: '320.00', cite: 'qixian-2022 §四(一)' },
  fiscalPerCapita: { value: '580.00', cite: 'qixian-2022 §四(一)' },
  collection: {
    opens: { value: '2021-10-18', cite: 'qixian-2022 §五(一)' },
    closes: { value: '2021-11-30', cite: 'qixian-2022 §五(一)' },
  },
  extensions: [{ who: 'migrant_worker', until: '2022-02-28', cite: 'qixian-2022 §五(三)' }],
  subsidies: [
    ...fullSubsidy,
    { by: 'identity', identity: 'dibao', amount: '280.00', fundedBy: '医疗救助', cite: 'qixian-2022 §四(二)2' },
    { by: 'identity', identity: 'poverty_relapsed', amount: '250.00', fundedBy: '医疗救助', cite: 'qixian-2022 §四(二)2' },
    { by: 'identity', identity: 'poverty_monitored', amount: '160.00', fundedBy: '医疗救助', cite: 'qixian-2022 §四(二)2' },
    { by: 'identity', identity: 'poverty_exited_stable', amount: '0.00', fundedBy: '无', cite: 'qixian-2022 §四(二)3' },
  ],
  highestOnlyCite: 'qixian-2022 §四(二)',
  subsidyWithheld: [],
  late: { kind: 'counter', cite: 'qixian-2022 §五(五)' },
  lateEntries: [
    {
      kind: 'employee_lapse',
      minContinuousYears: 2,
      maxGapMonths: 3,
      cite: 'qixian-2022 §五(五)',
      longGap: { waitMonths: 6, cite: 'qixian-2022 §五(五)第二款' },
    },
    { kind: 'discharged', since: '2021-01-01', cite: 'qixian-2022 §五(五)' },
    // §四(二)1「特困供养人员（含孤儿和事实无人抚养儿童）」: a newly recognised orphan is a newly recognised 特困 person.
    { kind: 'newly_recognized', identities: ['tekun', 'orphan', 'de_facto_orphan', 'dibao', 'poverty_relapsed', 'poverty_monitored'], withinMonths: null, cite: 'qixian-2022 §五(五)' },
  ],
  newborn: {
    kind: 'window',
    window: { unit: 'days', length: 90, cite: 'qixian-2022 §五(二)' },
    withinWindow: [{ start: 'birth', cite: 'qixian-2022 §五(二)' }],
    afterWindow: { start: 'day_after_payment', cite: 'qixian-2022 §五(二)' },
  },
  scope: {
    employeeInsured: 'qixian-2022 §三(一)',
    servingMilitaryOrPrison: { kind: 'counter', cite: 'qixian-2022 §三' },
    nonlocal: {
      withPermit: 'qixian-2022 §三(二)',
      withoutPermit: { outcome: 'ineligible', cite: 'qixian-2022 §三(二)' },
      childrenOfPermitHolders: null,
    },
    hmtPermit: { outcome: 'pay', cite: 'qixian-2022 §三(四)' },
    foreignerPermanent: { outcome: 'pay', cite: 'qixian-2022 §三(五)' },
    school: { cite: 'qixian-2022 §五(四)', subsidisedMayPayHere: 'qixian-2022 §五(四)' },
  },
  wholeHousehold: 'qixian-2022 §十一(三)',
  refund: { reasons: ['duplicate', 'joined_employee', 'joined_other_region'], cite: 'qixian-2022 §八', productDefault: false },
  counterOffice: '蕲县镇农合办（镇卫生院医保科）',
  targets: {
    unit: '村',
    total: 63018,
    cite: 'qixian-2022 附件2',
    items: [
      { name: '蕲县村', persons: 5167 }, { name: '邱元村', persons: 4263 }, { name: '徐桥村', persons: 4358 },
      { name: '灯塔村', persons: 3997 }, { name: '周王村', persons: 4970 }, { name: '团结村', persons: 5514 },
      { name: '代安村', persons: 4220 }, { name: '大江村', persons: 3102 }, { name: '袁小寨村', persons: 5229 },
      { name: '白陈村', persons: 4504 }, { name: '白安村', persons: 3719 }, { name: '许寨村', persons: 4220 },
      { name: '刘圩村', persons: 5267 }, { name: '忠陈村', persons: 4488 },
    ],
  },
  voucherActivationTarget: { percent: 80, cite: 'qixian-2022 §九' },
  decisions: [
    { topic: '征缴期开始日', decision: '§五(一)只规定2021-11-30前完成，开始日取通知印发日2021-10-18。' },
    { topic: '资助不叠加', decision: '通知未明说，按就高不就低，只取一项最高资助；稳定脱贫人口无资助（§四(二)3）。' },
    { topic: '当年退出现役', decision: '“当年”取2021年1月1日起至缴费日之间退役的军人（通知印发当年及参保年度）；随军配偶无输入字段，转窗口。' },
    { topic: '动态新增', decision: '动态新增的特困、低保、返贫致贫、监测人口在征缴期后缴费，保留其资助，自缴费次日起享受，不设缴费期限（通知未设）。' },
    { topic: '中断缴费期间', decision: '职工医保最后参保日为endedOn，中断自次日起算；缴费日不晚于endedOn+3个月为“不超过3个月”。超过3个月的仍须连续参保满2年，设6个月等待期（缴费日+6个月的次日起享受）。' },
    { topic: '新生儿待遇起点', decision: '90日内缴费的自出生之日起享受（含参保年度前出生的），按通知原文不截断到1月1日。' },
    { topic: '中专学生救助对象', decision: '持有本通知资助身份的在校学生可选择在本地缴费，报价按资助后金额显示，并说明也可在学校参保。' },
    { topic: '其他征缴期后参保', decision: '§五(五)以外的人征缴期后不能线上参保，转镇农合办。外出务工人员2022-02-28后同样转窗口。' },
  ],
} satisfies PolicyInput;
