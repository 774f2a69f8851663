/**
 * 会宁县人民政府办公室 关于做好2021年全县城乡居民基本医疗保险费征缴及资助工作的通知,
 * 会政办发〔2020〕115号 (shared/seeds/huining-2021.txt).
 */
import type { PolicyInput } from '../schema';

const FULL = 'huining-2021 §二(二)1、§二(三)1';
const FIXED = 'huining-2021 §二(二)2、§二(三)2';

export default {
  id: 'huining-2021',
  region: { code: 'huining', name: '会宁县', parent: '甘肃省白银市' },
  coverageYear: 2021,
  notice: {
    title: '关于做好2021年全县城乡居民基本医疗保险费征缴及资助工作的通知',
    issuer: '会宁县人民政府办公室',
    documentNo: '会政办发〔2020〕115号',
    issuedOn: null,
  },
  coverage: {
    start: { value: '2021-01-01', cite: 'huining-2021 §四' },
    end: { value: '2021-12-31', cite: 'huining-2021 §四' },
  },
  standard: { value: '280.00', cite: 'huining-2021 §一' },
  fiscalPerCapita: null,
  collection: {
    opens: { value: '2020-09-01', cite: 'huining-2021 §三' },
    closes: { value: '2020-12-10', cite: 'huining-2021 §三' },
  },
  extensions: [],
  subsidies: [
    ...(['dibao_rural_class1', 'dibao_urban_full', 'tekun', 'orphan', 'de_facto_orphan'] as const).map((identity) => ({
      by: 'identity' as const, identity, amount: '280.00', timing: 'offset' as const, fundedBy: '县财政', cite: FULL,
    })),
    ...(['poverty_registered', 'dibao_rural_class2to4', 'dibao_urban_partial'] as const).map((identity) => ({
      by: 'identity' as const, identity, amount: '200.00', timing: 'rebate' as const, fundedBy: '县财政（缴费后转入本人社保卡，未成年人可转入监护人社保卡）', cite: FIXED,
    })),
  ],
  highestOnlyCite: 'huining-2021 §二(二)3',
  subsidyWithheld: [
    { who: 'military', cite: 'huining-2021 §二(二)4' },
    { who: 'prisoner', cite: 'huining-2021 §二(二)4' },
  ],
  late: { kind: 'counter', cite: 'huining-2021 §三' },
  lateEntries: [{ kind: 'newly_recognized', identities: ['poverty_registered'], withinMonths: 1, cite: 'huining-2021 §三' }],
  newborn: {
    kind: 'window',
    window: { unit: 'days', length: 90, cite: 'huining-2021 §三' },
    withinWindow: [
      { bornFrom: '2020-10-01', bornTo: '2020-12-31', start: 'payment_date', cite: 'huining-2021 §四' },
      { bornFrom: '2021-01-01', bornTo: '2021-12-31', start: 'birth', cite: 'huining-2021 §三（起始日未规定，按国家新生儿参保惯例自出生之日起）' },
      { start: 'coverage_start', cite: 'huining-2021 §四' },
    ],
    afterWindow: { start: 'counter', cite: 'huining-2021 §三' },
  },
  scope: {
    employeeInsured: 'huining-2021 §二(一)1',
    servingMilitaryOrPrison: { kind: 'join_if_leaving_by_coverage_end', cite: 'huining-2021 §二(一)3', otherwise: 'huining-2021 §二(一)3' },
    nonlocal: {
      withPermit: 'huining-2021 §二(一)2',
      withoutPermit: { outcome: 'pay', cite: 'huining-2021 §二(一)2' },
      childrenOfPermitHolders: null,
    },
    hmtPermit: { outcome: 'pay', cite: 'huining-2021 §二(一)2' },
    foreignerPermanent: { outcome: 'counter', cite: 'huining-2021 §二(一)4' },
    school: { cite: 'huining-2021 §九(二)', subsidisedMayPayHere: null },
  },
  wholeHousehold: 'huining-2021 §九(二)',
  refund: { reasons: ['death', 'duplicate', 'joined_employee', 'joined_other_region'], cite: '医保办函〔2021〕11号 第十六条', productDefault: true },
  counterOffice: '户籍所在乡（镇）人民政府医保经办',
  targets: null,
  voucherActivationTarget: null,
  decisions: [
    { topic: '定额资助', decision: '先缴费、后资助：线上全额缴纳280.00元，200.00元日后转入本人（未成年人可为监护人）社保卡，报价同时列出两者。' },
    { topic: '新生儿待遇起点', decision: '2020-10-01至12-31出生的，自参保（缴费）之日起享受（§四）；2021年出生且90日内缴费的，通知未规定起点，按国家新生儿参保惯例自出生之日起；其余在征缴期或90日内缴费的自2021-01-01起。超过90日转乡镇。' },
    { topic: '新识别建档立卡贫困人口', decision: '识别之日起一个月内（识别日+1个月，月末对齐）缴费，保留定额资助，自缴费次日起享受（§三未规定起点，按通用规则）。' },
    { topic: '参军、服刑人员', decision: '2021年12月31日前（含）复员或刑满释放的可以参保，但不予资助；否则不参保。' },
    { topic: '非会宁户籍', decision: '§二(一)2只要求在会宁长期工作、生活、就学、居住，不要求居住证，按可参保处理；外籍人员未列明，转乡镇。' },
    { topic: '退费', decision: '通知未规定退费，采用产品默认规则（同蕲县镇通知§八）。' },
  ],
} satisfies PolicyInput;
