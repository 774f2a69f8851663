/**
 * 滕州市2021年度居民基本医疗保险参保征缴工作实施方案 (shared/seeds/tengzhou-2021.txt).
 * Clause numbers follow the notice: §二(三) is 二、征缴内容 (三)集中征缴期.
 */
import type { PolicyInput } from '../schema';

const REGION_SUBSIDY = '§二(二)';

export default {
  id: 'tengzhou-2021',
  region: { code: 'tengzhou', name: '滕州市', parent: '山东省枣庄市' },
  coverageYear: 2021,
  notice: {
    title: '滕州市2021年度居民基本医疗保险参保征缴工作实施方案',
    issuer: '滕州市人民政府办公室',
    documentNo: null,
    issuedOn: '2020-11-10',
  },
  coverage: {
    start: { value: '2021-01-01', cite: 'tengzhou-2021 §二(一)' },
    end: { value: '2021-12-31', cite: 'tengzhou-2021 §二(一)' },
  },
  standard: { value: '280.00', cite: 'tengzhou-2021 §二(一)' },
  fiscalPerCapita: { value: '550.00', cite: 'tengzhou-2021 §二(一)' },
  collection: {
    opens: { value: '2020-11-01', cite: 'tengzhou-2021 §二(三)' },
    closes: { value: '2020-12-20', cite: 'tengzhou-2021 §二(三)' },
  },
  extensions: [{ who: 'subsidised', until: '2021-01-20', cite: 'tengzhou-2021 §二(三)' }],
  subsidies: [
    ...(['poverty_exited_enjoying', 'poverty_instant_help', 'dibao', 'tekun', 'orphan', 'distressed_child', 'de_facto_orphan'] as const).map(
      (identity) => ({ by: 'identity' as const, identity, amount: '280.00', fundedBy: '市财政', cite: `tengzhou-2021 ${REGION_SUBSIDY}(1)` }),
    ),
    { by: 'age', code: 'age_70_plus', minAge: 70, maxAge: null, amount: '280.00', fundedBy: '市财政', cite: `tengzhou-2021 ${REGION_SUBSIDY}(2)` },
    { by: 'age', code: 'age_60_69', minAge: 60, maxAge: 69, amount: '140.00', fundedBy: '市财政承担50%', cite: `tengzhou-2021 ${REGION_SUBSIDY}(2)` },
    ...(['fp_rural_one_daughter', 'fp_rural_two_daughters', 'fp_only_child_bereaved_disabled'] as const).map((identity) => ({
      by: 'identity' as const,
      identity,
      amount: '280.00',
      fundedBy: '市、镇（街）财政各承担50%',
      cite: `tengzhou-2021 ${REGION_SUBSIDY}(3)`,
    })),
    { by: 'identity', identity: 'disabled_severe', amount: '280.00', fundedBy: '市财政', cite: `tengzhou-2021 ${REGION_SUBSIDY}(4)` },
    { by: 'identity', identity: 'veteran_preferential', amount: '280.00', fundedBy: '市财政', cite: `tengzhou-2021 ${REGION_SUBSIDY}(5)` },
  ],
  highestOnlyCite: `tengzhou-2021 ${REGION_SUBSIDY}`,
  subsidyWithheld: [],
  late: { kind: 'full_premium', premium: '830.00', waitDays: 30, cite: 'tengzhou-2021 §二(三)' },
  lateEntries: [],
  newborn: { kind: 'not_stated', cite: 'tengzhou-2021 §二(三)' },
  scope: {
    employeeInsured: 'tengzhou-2021 §二(四)',
    servingMilitaryOrPrison: { kind: 'counter', cite: 'tengzhou-2021 §二(四)' },
    nonlocal: {
      withPermit: 'tengzhou-2021 §二(四)',
      withoutPermit: { outcome: 'ineligible', cite: 'tengzhou-2021 §二(四)' },
      childrenOfPermitHolders: 'tengzhou-2021 §二(四)',
    },
    hmtPermit: { outcome: 'pay', cite: 'tengzhou-2021 §二(四)' },
    foreignerPermanent: { outcome: 'counter', cite: 'tengzhou-2021 §二(四)' },
    school: { cite: 'tengzhou-2021 §二(四)', subsidisedMayPayHere: null },
  },
  wholeHousehold: null,
  refund: { reasons: ['death', 'duplicate', 'joined_employee', 'joined_other_region'], cite: '医保办函〔2021〕11号 第十六条', productDefault: true },
  counterOffice: '户籍所在镇（街道）医保经办窗口',
  targets: {
    unit: '镇街',
    total: 1487341,
    cite: 'tengzhou-2021 附件',
    items: [
      { name: '鲍沟镇', persons: 85717 }, { name: '滨湖镇', persons: 105772 }, { name: '柴胡店镇', persons: 41197 },
      { name: '东郭镇', persons: 117742 }, { name: '大坞镇', persons: 88657 }, { name: '官桥镇', persons: 65662 },
      { name: '洪绪镇', persons: 36052 }, { name: '界河镇', persons: 71227 }, { name: '级索镇', persons: 88132 },
      { name: '姜屯镇', persons: 86347 }, { name: '龙阳镇', persons: 74902 }, { name: '木石镇', persons: 48022 },
      { name: '南沙河镇', persons: 45922 }, { name: '西岗镇', persons: 83265 }, { name: '羊庄镇', persons: 85507 },
      { name: '张汪镇', persons: 80257 }, { name: '北辛街道', persons: 66623 }, { name: '东沙河街道', persons: 56002 },
      { name: '荆河街道', persons: 69773 }, { name: '龙泉街道', persons: 68513 }, { name: '善南街道', persons: 22050 },
    ],
  },
  voucherActivationTarget: null,
  decisions: [
    { topic: '逾期缴费金额', decision: '§二(三)要求全额缴纳含各级政府补助在内的保费；§二(一)的人均财政补助“不低于550元”，产品按550元计，逾期应缴280+550=830.00元，且不享受个人缴费资助。' },
    { topic: '缴费30日后享受待遇', decision: '按民法典期间计算，缴费次日起算30日，第31日起享受：2021-01-05缴费自2021-02-05起享受。' },
    { topic: '政府资助人员延长1个月', decision: '“政府资助人员”指按本通知享受任一资助（含60周岁以上年龄资助）的人；延至2021-01-20，期内缴费视为按时，待遇自2021-01-01起。同户其他成员不随之延长。' },
    { topic: '年龄', decision: '年龄按参保年度1月1日的周岁计算（2021-01-01）。' },
    { topic: '新生儿', decision: '通知未规定新生儿参保；征缴期结束后出生的新生儿不套用逾期830元规则，转镇（街道）窗口按枣政发〔2014〕10号办理。' },
    { topic: '现役军人、服刑人员、外籍人员', decision: '§二(四)未列入，转窗口办理，不在线上猜测。港澳台居民居住证属于居住证，按持居住证人员参保。' },
    { topic: '退费', decision: '通知未规定退费，采用产品默认规则（同蕲县镇通知§八）。' },
    { topic: '等待期超出年度', decision: '逾期缴费的等待期结束时已过2021-12-31的，本年度无法享受待遇，不收费，提示参加下一年度。' },
  ],
} satisfies PolicyInput;
