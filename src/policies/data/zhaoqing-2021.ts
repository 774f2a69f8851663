/**
 * 肇庆市医疗保障局等 关于做好2021年度城乡居民基本医疗保险征缴工作的通知 (shared/seeds/zhaoqing-2021.txt,
 * a mis-encoded copy; the clauses are read through POLICIES.md).
 */
import type { PolicyInput } from '../schema';

const DIFFICULT = '肇府规〔2019〕6号';

export default {
  id: 'zhaoqing-2021',
  region: { code: 'zhaoqing', name: '肇庆市', parent: '广东省' },
  coverageYear: 2021,
  notice: {
    title: '关于做好2021年度城乡居民基本医疗保险征缴工作的通知',
    issuer: '肇庆市医疗保障局、肇庆市财政局、国家税务总局肇庆市税务局',
    documentNo: null,
    issuedOn: '2020-09-27',
  },
  coverage: {
    start: { value: '2021-01-01', cite: 'zhaoqing-2021 §二(二)' },
    end: { value: '2021-12-31', cite: 'zhaoqing-2021 §二(二)' },
  },
  standard: { value: '290.00', cite: 'zhaoqing-2021 §二(二)' },
  fiscalPerCapita: { value: '550.00', cite: 'zhaoqing-2021 §二(一)' },
  collection: {
    opens: { value: '2020-09-30', cite: 'zhaoqing-2021 §二(二)' },
    closes: { value: '2020-12-28', cite: 'zhaoqing-2021 §二(二)' },
  },
  extensions: [],
  // The notice names the groups; their amounts are in 肇府规〔2019〕6号: null until an operator configures them.
  // Its list is open (「…低收入救助对象等…困难人员」): the groups it plainly covers are listed too, so
  // none of them is ever charged the full 290 silently.
  subsidies: (['tekun', 'orphan', 'de_facto_orphan', 'dibao', 'dibao_marginal', 'poverty_registered', 'poverty_relapsed', 'poverty_monitored', 'disabled_severe', 'veteran_preferential'] as const).map((identity) => ({
    by: 'identity' as const,
    identity,
    amount: null,
    fundedBy: `医疗救助基金或财政资金（${DIFFICULT}）`,
    cite: 'zhaoqing-2021 §一(二)',
  })),
  highestOnlyCite: 'zhaoqing-2021 §一(二)',
  subsidyWithheld: [],
  late: { kind: 'counter', cite: 'zhaoqing-2021 §二(二)' },
  lateEntries: [],
  newborn: { kind: 'not_stated', cite: 'zhaoqing-2021 §二(二)' },
  scope: {
    employeeInsured: 'zhaoqing-2021 §一(一)',
    servingMilitaryOrPrison: { kind: 'counter', cite: 'zhaoqing-2021 §一(一)' },
    nonlocal: {
      withPermit: 'zhaoqing-2021 §一(三)',
      withoutPermit: { outcome: 'counter', cite: 'zhaoqing-2021 §一(三)' },
      childrenOfPermitHolders: null,
    },
    hmtPermit: { outcome: 'pay', cite: 'zhaoqing-2021 §一(三)' },
    foreignerPermanent: { outcome: 'counter', cite: 'zhaoqing-2021 §一(三)' },
    school: { cite: 'zhaoqing-2021 §一(三)', subsidisedMayPayHere: null },
  },
  wholeHousehold: null,
  refund: { reasons: ['death', 'duplicate', 'joined_employee', 'joined_other_region'], cite: '医保办函〔2021〕11号 第十六条', productDefault: true },
  counterOffice: '参保地县（市、区）医疗保障经办机构',
  targets: null,
  voucherActivationTarget: null,
  decisions: [
    { topic: '困难人员资助', decision: `资助金额由${DIFFICULT}规定，本通知未给出：在运营人员配置金额前，持这些身份的人报价为“到窗口办理（资助待核定）”，不猜测金额。` },
    { topic: '逾期缴费与新生儿', decision: '通知未规定，征缴期后一律转经办机构。' },
    { topic: '参保范围', decision: '范围以肇府规〔2019〕6号为准；本通知只明确持本市居住证（含港澳人员）可参保，无居住证的非本市户籍人员转窗口核实。台湾居民持同一种港澳台居民居住证，同等对待。' },
    { topic: '退费', decision: '通知未规定退费，采用产品默认规则（同蕲县镇通知§八）。' },
  ],
} satisfies PolicyInput;
