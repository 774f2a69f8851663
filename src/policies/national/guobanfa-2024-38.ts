/**
 * The national layer under every region-year from coverage year 2025: 《国务院办公厅关于健全基本
 * 医疗保险参保长效机制的指导意见》(国办发〔2024〕38号, 2024-07-26, published 2024-08-01,
 * https://www.gov.cn/zhengce/content/202408/content_6965741.htm; shared/POLICY-2025-2027.md §1.2–1.4).
 * A region-year spreads this into its `national` section and refines what the provinces decide:
 * exemptions, incentive amounts, an early-year window. Amounts the national text leaves to the
 * provinces are null here, never guessed.
 */
const GUOBANFA_2024_38 = '国办发〔2024〕38号';
const WAITING = `${GUOBANFA_2024_38} 待遇等待期`;
const INCENTIVE = `${GUOBANFA_2024_38} 参保激励`;

export const nationalLayer = {
  basis: {
    documentNo: GUOBANFA_2024_38,
    title: '国务院办公厅关于健全基本医疗保险参保长效机制的指导意见',
    cite: GUOBANFA_2024_38,
  },
  waiting: {
    // 「对未在居民医保集中参保期内参保或未连续参保的人员，设置参保后固定待遇等待期3个月」
    fixedMonths: { value: 3, cite: WAITING },
    // 「每多断保1年，原则上在固定待遇等待期基础上增加变动待遇等待期1个月」
    variablePerBreakYear: { value: 1, cite: WAITING },
    // 「每多缴纳1年可减少1个月变动待遇等待期」, 「缴费标准参照当年参保地的个人缴费标准」
    repair: { monthsPerYear: 1, price: 'personal_standard' as const, cite: `${WAITING}（修复）` },
    // 「连续断缴4年及以上的，修复后固定待遇等待期和变动待遇等待期之和原则上不少于6个月」
    longBreak: { years: 4, minMonths: 6, cite: `${WAITING}（连续断缴4年及以上）` },
    // 「除新生儿等特殊群体外」: the newborn clause is each region's; the rest of the list too.
    exemptCite: `${WAITING}（新生儿等特殊群体除外）`,
  },
  incentive: {
    // 「对连续参加居民医保满4年的参保人员，之后每连续参保1年，可适当提高大病保险最高支付限额」
    afterContinuousYears: 4,
    // 「原则上每次提高限额均不低于1000元」: the amount itself is the province's.
    continuousStep: null,
    claimFreeStep: null,
    breakPenalty: null,
    baseCap: null,
    // 「累计提高总额不超过所在统筹地区大病保险原封顶线的20%」
    maxSharePercent: 20,
    cite: INCENTIVE,
  },
  earlyWindow: null,
};
