/**
 * The five seed regions' coverage years 2025–2027: on sale in reality, but no county or city
 * notice was found for any of them (shared/POLICY-2025-2027.md §2, §3 "Gaps"). Each is a pending
 * year: its counter office, what the research found with its certainty, what is missing.
 */
import type { PendingYearInput } from '../pending';

const MISSING = ['个人缴费标准', '集中参保期（及年初缴费窗口）', '困难人员资助标准', '免待遇等待期人员名单', '新生儿参保期限', '大病保险封顶线与激励金额'];

/** National floors by coverage year (§1.1): a floor is not the local amount, so it never prices a quote. */
const NATIONAL: Record<number, PendingYearInput['found']> = {
  2025: [{ topic: '全国人均财政补助/个人缴费下限', value: '不低于670元/400元', certainty: 'CONFIRMED' }],
  2026: [{ topic: '全国人均财政补助下限', value: '不低于700元', certainty: 'CONFIRMED' }],
  2027: [{ topic: '全国人均财政补助', value: '提高24元（724元为推算）', certainty: 'INFERRED' }],
};
const WAITING = { topic: '待遇等待期', value: '国办发〔2024〕38号：固定3个月，每多断保1年加1个月，可缴费修复', certainty: 'CONFIRMED' } as const;

const REGIONS = [
  { code: 'tengzhou', name: '滕州市', section: '§2.1', counterOffice: '户籍所在镇（街道）医保经办窗口', local: { topic: '大病保险激励（山东省）', value: '连续参保、零报销每次3000元，断保再参保降低3000元', certainty: 'SECONDHAND' } },
  { code: 'qixian', name: '宿州市埇桥区蕲县镇', section: '§2.2', counterOffice: '蕲县镇农合办（镇卫生院医保科）', local: { topic: '2026年度个人缴费（安徽省）', value: '400元，集中征缴期2025-10-20至12-31', certainty: 'SECONDHAND' } },
  { code: 'huining', name: '白银市会宁县', section: '§2.3', counterOffice: '户籍所在乡（镇）人民政府医保经办', local: { topic: '2025年度集中参保期', value: '两个来源不一致（2024-09-10至12-25，或至2025-02-28）', certainty: 'SECONDHAND-LOW' } },
  { code: 'zhaoqing', name: '肇庆市', section: '§2.4', counterOffice: '参保地县（市、区）医疗保障经办机构', local: { topic: '新生儿', value: '出生6个月内参保自出生之日起；跨年度可缴两个年度（2024年度）', certainty: 'SECONDHAND' } },
  { code: 'dingtao', name: '菏泽市定陶区', section: '§2.5', counterOffice: '镇（街道）医疗保障窗口', local: { topic: '2025年度个人缴费（菏泽市）', value: '400元', certainty: 'SECONDHAND-LOW' } },
] as const;

export default REGIONS.flatMap((r) =>
  [2025, 2026, 2027].map(
    (coverageYear): PendingYearInput => ({
      id: `${r.code}-${coverageYear}`,
      region: { code: r.code, name: r.name },
      coverageYear,
      cite: `${r.code}-${coverageYear} 标准待公布（POLICY-2025-2027.md ${r.section}）`,
      counterOffice: r.counterOffice,
      found: [...NATIONAL[coverageYear]!, WAITING, r.local],
      missing: MISSING,
    }),
  ),
);
