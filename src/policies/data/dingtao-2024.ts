/**
 * 菏泽市定陶区人民政府办公室 关于做好2024年度城乡居民基本医疗保险参保扩面工作的通知,
 * 菏定政办字〔2023〕15号 (shared/seeds/dingtao-2024.txt).
 */
import type { PolicyInput } from '../schema';

export default {
  id: 'dingtao-2024',
  region: { code: 'dingtao', name: '菏泽市定陶区', parent: '山东省菏泽市' },
  coverageYear: 2024,
  notice: {
    title: '关于做好2024年度城乡居民基本医疗保险参保扩面工作的通知',
    issuer: '菏泽市定陶区人民政府办公室',
    documentNo: '菏定政办字〔2023〕15号',
    issuedOn: '2023-10-23',
  },
  coverage: {
    start: { value: '2024-01-01', cite: 'dingtao-2024 §四' },
    end: { value: '2024-12-31', cite: 'dingtao-2024 §四' },
  },
  standard: { value: '380.00', cite: 'dingtao-2024 §三(一)' },
  fiscalPerCapita: { value: '640.00', cite: 'dingtao-2024 §三(一)' },
  collection: {
    opens: { value: '2023-09-01', cite: 'dingtao-2024 §三(二)' },
    closes: { value: '2023-12-31', cite: 'dingtao-2024 §三(二)' },
  },
  extensions: [],
  subsidies: [
    ...(['tekun', 'orphan', 'de_facto_orphan'] as const).map((identity) => ({
      by: 'identity' as const, identity, amount: '380.00', fundedBy: '医疗救助基金', cite: 'dingtao-2024 §五(一)',
    })),
    ...(['dibao', 'poverty_relapsed', 'dibao_marginal', 'poverty_monitored'] as const).map((identity) => ({
      by: 'identity' as const, identity, amount: '114.00', fundedBy: '医疗救助基金', cite: 'dingtao-2024 §五(二)',
    })),
    { by: 'identity', identity: 'poverty_exited_stable', amount: '0.00', fundedBy: '无', cite: 'dingtao-2024 §五(三)' },
  ],
  highestOnlyCite: 'dingtao-2024 §五(三)',
  subsidyWithheld: [],
  late: { kind: 'waiting_period', months: 3, cite: 'dingtao-2024 §四(一)' },
  lateEntries: [],
  newborn: {
    kind: 'window',
    window: { unit: 'months', length: 6, cite: 'dingtao-2024 §四(二)' },
    withinWindow: [{ start: 'birth', cite: 'dingtao-2024 §四(二)' }],
    afterWindow: { start: 'first_of_next_month', cite: 'dingtao-2024 §四(二)' },
  },
  scope: {
    employeeInsured: 'dingtao-2024 §二',
    servingMilitaryOrPrison: { kind: 'counter', cite: 'dingtao-2024 §二' },
    nonlocal: {
      withPermit: 'dingtao-2024 §二',
      withoutPermit: { outcome: 'pay', cite: 'dingtao-2024 §二' },
      childrenOfPermitHolders: null,
    },
    hmtPermit: { outcome: 'pay', cite: 'dingtao-2024 §二' },
    foreignerPermanent: { outcome: 'counter', cite: 'dingtao-2024 §二' },
    school: { cite: 'dingtao-2024 §二(二)', subsidisedMayPayHere: null },
  },
  wholeHousehold: null,
  refund: { reasons: ['death', 'duplicate', 'joined_employee', 'joined_other_region'], cite: '医保办函〔2021〕11号 第十六条', productDefault: true },
  counterOffice: '镇（街道）医疗保障窗口',
  // The notice's last line: 「业务咨询电话：定陶区医疗保障局：2223639、2750001」.
  counter: { address: null, phone: '定陶区医疗保障局 2223639、2750001', hours: null, bring: null, relativeMayGo: null, cite: 'dingtao-2024 §七（业务咨询电话）' },
  targets: null,
  voucherActivationTarget: null,
  decisions: [
    { topic: '逾期缴费', decision: '2024-01-01（含）后缴费的普通居民缴纳个人部分（保留资助身份，如低保对象缴266.00元），等待期3个月：缴费日+3个月的次日起享受。' },
    { topic: '新生儿待遇起点', decision: '出生6个月内缴费的自出生之日起享受（含2023年出生的），按通知原文不截断到1月1日；超过6个月的自缴费次月1日起。' },
    { topic: '非本地户籍', decision: '§二覆盖“除职工医保应参保人员以外的其他所有城乡居民”，非本区户籍居民可参保。外籍人员、现役军人和服刑人员未列明，转窗口。' },
    { topic: '等待期超出年度', decision: '等待期结束时已过2024-12-31的，本年度无法享受待遇，不收费，提示参加下一年度。' },
    { topic: '退费', decision: '通知未规定退费，按国家经办规程（医保办函〔2021〕11号第十六条）：待遇享受期开始前因死亡、重复缴费、参加职工医保或其他地区居民医保的可退个人缴费。' },
  ],
} satisfies PolicyInput;
