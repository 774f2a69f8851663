/** Codes shared by policy data, rules, the API and tests (POLICIES.md §2). */

export const IDENTITY_LABELS = {
  tekun: '特困人员',
  orphan: '孤儿',
  de_facto_orphan: '事实无人抚养儿童',
  distressed_child: '困境儿童',
  dibao: '低保对象',
  dibao_rural_class1: '农村一类保障对象',
  dibao_rural_class2to4: '农村二、三、四类低保对象',
  dibao_urban_full: '城市全额保障对象',
  dibao_urban_partial: '城市差额保障对象',
  dibao_marginal: '低保边缘家庭成员',
  poverty_registered: '建档立卡贫困人口',
  poverty_exited_enjoying: '脱贫享受政策人口',
  poverty_instant_help: '即时帮扶人口',
  poverty_relapsed: '返贫致贫人口',
  poverty_monitored: '监测人口',
  poverty_exited_stable: '稳定脱贫人口',
  disabled_severe: '重度残疾人',
  veteran_preferential: '重点优抚对象',
  fp_rural_one_daughter: '农村独女户',
  fp_rural_two_daughters: '农村双女户',
  fp_only_child_bereaved_disabled: '独生子女伤亡病残家庭',
  fp_sterilization_complication: '节育并发症人员',
  village_cadre: '村“两委”干部',
  retired_armed_police: '享受定补政策的老武警',
} as const;

export type IdentityCode = keyof typeof IDENTITY_LABELS;
export const IDENTITY_CODES = Object.keys(IDENTITY_LABELS) as [IdentityCode, ...IdentityCode[]];

export function isIdentityCode(code: string): code is IdentityCode {
  return Object.prototype.hasOwnProperty.call(IDENTITY_LABELS, code);
}

/** Age subsidies come from the birth date, never from a code a caller sends. */
export const AGE_SUBSIDY_LABELS = {
  age_60_69: '60至69周岁老年人',
  age_70_plus: '70周岁及以上老年人',
} as const;
export type AgeSubsidyCode = keyof typeof AGE_SUBSIDY_LABELS;

export type SubsidyCode = IdentityCode | AgeSubsidyCode;

export function subsidyLabel(code: SubsidyCode): string {
  return code in IDENTITY_LABELS ? IDENTITY_LABELS[code as IdentityCode] : AGE_SUBSIDY_LABELS[code as AgeSubsidyCode];
}

export const OUTCOMES = ['pay', 'enrolled', 'school', 'ineligible', 'counter'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REFUND_REASONS = ['duplicate', 'joined_employee', 'joined_other_region', 'death', 'emigrated', 'enlisted', 'other'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  duplicate: '重复缴费',
  joined_employee: '参加职工医保',
  joined_other_region: '参加其他统筹地区居民医保',
  death: '参保人死亡',
  emigrated: '出国（境）定居',
  enlisted: '参军入伍',
  other: '其他原因',
};

/** Who asks for a refund, as the bureau records it: a death refund is always asked by a relative. */
export const APPLICANT_RELATIONS = { self: '本人', spouse: '配偶', child: '子女', parent: '父母', other_relative: '其他近亲属' } as const;
export type ApplicantRelation = keyof typeof APPLICANT_RELATIONS;

/** Refunds the bureau makes on its own decision (no resident asks for them, so none is offered on the refund page). */
export const BUREAU_REFUND_LABELS: Record<string, string> = {
  registration_voided: '新生儿登记经核查作废',
};

/** Which department certifies which identity: a list may only carry its own department's identities. */
export const DEPARTMENT_IDENTITIES: Record<string, readonly IdentityCode[]> = {
  民政: ['tekun', 'orphan', 'de_facto_orphan', 'distressed_child', 'dibao', 'dibao_rural_class1', 'dibao_rural_class2to4', 'dibao_urban_full', 'dibao_urban_partial', 'dibao_marginal'],
  乡村振兴: ['poverty_registered', 'poverty_exited_enjoying', 'poverty_instant_help', 'poverty_relapsed', 'poverty_monitored', 'poverty_exited_stable'],
  残联: ['disabled_severe'],
  退役军人: ['veteran_preferential', 'retired_armed_police'],
  卫健: ['fp_rural_one_daughter', 'fp_rural_two_daughters', 'fp_only_child_bereaved_disabled', 'fp_sterilization_complication'],
  组织部: ['village_cadre'],
};
/** 农业农村局 took over 乡村振兴局's lists in several counties. */
export const DEPARTMENT_ALIASES: Record<string, string> = { 农业农村: '乡村振兴', 乡村振兴局: '乡村振兴', 农业农村局: '乡村振兴', 民政局: '民政', 残联会: '残联', 退役军人事务局: '退役军人', 卫健局: '卫健' };

/** The names the notices and department lists use for each identity, besides its label and code. */
const IDENTITY_SYNONYMS: Record<string, IdentityCode> = {
  特困供养人员: 'tekun',
  五保户: 'tekun',
  低保: 'dibao',
  一女户: 'fp_rural_one_daughter',
  独女户: 'fp_rural_one_daughter',
  双女户: 'fp_rural_two_daughters',
  计生特扶: 'fp_only_child_bereaved_disabled',
  节育并发症: 'fp_sterilization_complication',
  防止返贫监测帮扶对象: 'poverty_monitored',
  监测户: 'poverty_monitored',
  脱贫不稳定户: 'poverty_monitored',
  低保边缘户: 'dibao_marginal',
  抚恤定补优抚对象: 'veteran_preferential',
  优抚对象: 'veteran_preferential',
  村两委干部: 'village_cadre',
};

/** Reads an identity as a department list writes it: code, label or a synonym. */
export function identityFromText(text: string): IdentityCode | null {
  const t = text.trim().replace(/[“”"]/g, '');
  if (isIdentityCode(t)) return t;
  const byLabel = (Object.entries(IDENTITY_LABELS) as Array<[IdentityCode, string]>).find(([, label]) => label.replace(/[“”"]/g, '') === t);
  return byLabel?.[0] ?? IDENTITY_SYNONYMS[t] ?? null;
}
