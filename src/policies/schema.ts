/**
 * The shape of one region-year policy. Every number, date and window carries the clause it
 * comes from (`cite`, e.g. "qixian-2022 §四(二)2"). Rule code reads only this shape, so a new
 * region-year is a new data file, checked here when it is loaded.
 */
import { z } from 'zod';
import { isCivilDate } from '../core/civil-date';
import { parseYuan } from '../core/money';
import { IDENTITY_CODES, REFUND_REASONS } from '../core/vocabulary';

const cite = z.string().min(4, '每条规则都要注明条款');
const date = z.string().refine(isCivilDate, '不是有效的日期 (YYYY-MM-DD)');
/** "280.00" in the data file → 28000 fen in memory. */
const amount = z
  .string()
  .refine((s) => parseYuan(s) !== null, '金额应为最多两位小数的元')
  .transform((s) => parseYuan(s)!);
const identity = z.enum(IDENTITY_CODES);
const count = z.number().int().nonnegative();

const citedDate = z.object({ value: date, cite });
const citedAmount = z.object({ value: amount, cite });

const identitySubsidy = z.object({
  by: z.literal('identity'),
  identity,
  /** null: the notice names the group but not the amount; such a person is sent to the counter. */
  amount: amount.nullable(),
  /** offset: deducted from what is paid now; rebate: paid back later (先缴费、后资助). */
  timing: z.enum(['offset', 'rebate']).default('offset'),
  fundedBy: z.string().min(1),
  cite,
});

const ageSubsidy = z.object({
  by: z.literal('age'),
  code: z.enum(['age_60_69', 'age_70_plus']),
  minAge: count,
  maxAge: count.nullable(),
  amount,
  timing: z.enum(['offset', 'rebate']).default('offset'),
  fundedBy: z.string().min(1),
  cite,
});

export const subsidyRuleSchema = z.discriminatedUnion('by', [identitySubsidy, ageSubsidy]);

const onTimeExtension = z.object({
  /** subsidised: anyone with a subsidy under this policy; migrant_worker: 农村外出务工人员. */
  who: z.enum(['subsidised', 'migrant_worker']),
  until: date,
  cite,
});

const lateRule = z.discriminatedUnion('kind', [
  /** Pay the whole premium (personal + every level of subsidy), no personal subsidy, wait N days. */
  z.object({ kind: z.literal('full_premium'), premium: amount, waitDays: count, cite }),
  /** Pay as usual (subsidy kept) and wait N months. */
  z.object({ kind: z.literal('waiting_period'), months: count, cite }),
  /** The notice admits no one after the period except the late entries below. */
  z.object({ kind: z.literal('counter'), cite }),
]);

const lateEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('employee_lapse'),
    minContinuousYears: count,
    maxGapMonths: count,
    cite,
    longGap: z.object({ waitMonths: count, cite }),
  }),
  z.object({ kind: z.literal('discharged'), since: date, cite }),
  z.object({
    kind: z.literal('newly_recognized'),
    identities: z.array(identity).min(1),
    /** null: no deadline after recognition. */
    withinMonths: count.nullable(),
    cite,
  }),
]);

const newbornStart = z.object({
  bornFrom: date.optional(),
  bornTo: date.optional(),
  /** birth: from the birth date; payment_date: from the day of payment; coverage_start: 1 January; birth_or_coverage_start: the later. */
  start: z.enum(['birth', 'payment_date', 'coverage_start', 'birth_or_coverage_start']),
  cite,
});

const newbornRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('window'),
    window: z.object({ unit: z.enum(['days', 'months']), length: count, cite }),
    /** First matching entry wins. */
    withinWindow: z.array(newbornStart).min(1),
    /** as_any_resident: after the window a newborn pays as anyone else (with the national layer's waiting period). */
    afterWindow: z.object({ start: z.enum(['day_after_payment', 'first_of_next_month', 'counter', 'as_any_resident']), cite }),
    /**
     * The clause letting a child whose window runs into this year pay its birth year as well, after
     * that year has ended (肇庆 2024: 「跨两个居民医保年度的，可缴纳两个年度的医疗保险费」); null: not stated.
     */
    bothYears: cite.nullable().default(null),
  }),
  /** The notice says nothing of newborns born after the period: they go to the counter. */
  z.object({ kind: z.literal('not_stated'), cite }),
]);

const text = z.string().min(2);
const counterDetails = z.object({
  address: text.nullable(),
  phone: text.nullable(),
  hours: text.nullable(),
  /** What to bring (证件、材料). */
  bring: text.nullable(),
  /** Whether, and how, a relative may go instead (代办). */
  relativeMayGo: text.nullable(),
  /** Where the notice gives them; null when none is given. */
  cite: cite.nullable(),
});
/** A counter the notice says nothing more of than its name (also a new draft's start). */
export const NO_COUNTER_DETAILS = { address: null, phone: null, hours: null, bring: null, relativeMayGo: null, cite: null };

const scopeOutcome = z.object({ outcome: z.enum(['pay', 'ineligible', 'counter']), cite });

const scope = z.object({
  employeeInsured: cite,
  servingMilitaryOrPrison: z.discriminatedUnion('kind', [
    /** May join if leaving by the end of the coverage year; no subsidy. */
    z.object({ kind: z.literal('join_if_leaving_by_coverage_end'), cite, otherwise: cite }),
    z.object({ kind: z.literal('counter'), cite }),
  ]),
  nonlocal: z.object({
    withPermit: cite,
    withoutPermit: scopeOutcome,
    /** 随迁子女: a non-local minor in the household of a permit holder. */
    childrenOfPermitHolders: cite.nullable(),
  }),
  hmtPermit: scopeOutcome,
  foreignerPermanent: scopeOutcome,
  school: z.object({ cite, subsidisedMayPayHere: cite.nullable() }),
});

/**
 * The national layer (国办发〔2024〕38号) as a region-year from 2025 refines it: waiting periods after
 * a break or a late payment, their repair, the incentives on the 大病保险 cap, an early-year window.
 */
const nationalLayer = z.object({
  basis: z.object({ documentNo: z.string().min(1), title: z.string().min(1), cite }),
  waiting: z.object({
    fixedMonths: z.object({ value: count, cite }),
    variablePerBreakYear: z.object({ value: count, cite }),
    /** Each year back-paid now (修复) removes months of the variable wait, priced at this year's personal standard. */
    repair: z.object({ monthsPerYear: count, price: z.literal('personal_standard'), cite }),
    /** After a break of `years` or more, fixed plus variable stay at least `minMonths` after repair. */
    longBreak: z.object({ years: count, minMonths: count, cite }),
    exemptCite: cite,
    /** The region's list of people with no waiting period (besides newborns inside their window). */
    exempt: z.object({
      identities: z.array(identity),
      /** Employee insurance ended at most this many days before payment; null: not exempt. */
      employeeGapDays: count.nullable(),
      cite,
    }),
    /** A person never insured in any scheme: the fixed period only (where the region decides so). */
    neverEnrolled: cite,
  }),
  incentive: z.object({
    afterContinuousYears: count,
    /** null: the province's amount is not known; shown as 按当地规定. */
    continuousStep: amount.nullable(),
    claimFreeStep: amount.nullable(),
    breakPenalty: amount.nullable(),
    baseCap: amount.nullable(),
    maxSharePercent: z.number().min(0).max(100),
    cite,
  }),
  /** Paid from 1 January up to `until` by a continuously insured person: no waiting period. */
  earlyWindow: z.object({ until: date, start: z.enum(['coverage_start', 'day_after_payment']), cite }).nullable(),
});

const target = z.object({ name: z.string().min(1), persons: count });

export const policySchema = z
  .object({
    id: z.string().regex(/^[a-z]+-\d{4}$/),
    region: z.object({ code: z.string().regex(/^[a-z]+$/), name: z.string().min(1), parent: z.string().min(1) }),
    coverageYear: z.number().int().min(2000).max(2100),
    notice: z.object({ title: z.string().min(1), issuer: z.string().min(1), documentNo: z.string().nullable(), issuedOn: date.nullable() }),
    coverage: z.object({ start: citedDate, end: citedDate }),
    standard: citedAmount,
    fiscalPerCapita: citedAmount.nullable(),
    collection: z.object({ opens: citedDate, closes: citedDate }),
    extensions: z.array(onTimeExtension),
    subsidies: z.array(subsidyRuleSchema),
    highestOnlyCite: cite,
    subsidyWithheld: z.array(z.object({ who: z.enum(['military', 'prisoner']), cite })),
    /** null under the national layer, whose waiting periods replace a notice's own late rule. */
    late: lateRule.nullable(),
    lateEntries: z.array(lateEntry),
    newborn: newbornRule,
    scope,
    wholeHousehold: cite.nullable(),
    refund: z.object({
      reasons: z.array(z.enum(REFUND_REASONS)).min(1),
      cite,
      /** true: the notice is silent and the national 经办规程 (医保办函〔2021〕11号 第十六条) applies. */
      productDefault: z.boolean(),
    }),
    /** The office residents are sent to (its name: sentences read "请到…办理"). */
    counterOffice: z.string().min(2),
    /** What a resident needs to get there and be served, each as the notice states it; null: not stated. */
    counter: counterDetails.default(NO_COUNTER_DETAILS),
    targets: z
      .object({ unit: z.string().min(1), total: count, items: z.array(target).min(1), cite })
      .nullable(),
    voucherActivationTarget: z.object({ percent: z.number().min(0).max(100), cite }).nullable(),
    /** From coverage year 2025: the national layer as this region-year refines it; null before. */
    national: nationalLayer.nullable().default(null),
    /** What the notice leaves open and how the product settles it. */
    decisions: z.array(z.object({ topic: z.string().min(1), decision: z.string().min(1) })),
  })
  .superRefine((p, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (p.id !== `${p.region.code}-${p.coverageYear}`) problem(`id ${p.id} 应为 region-coverageYear`);
    if (p.collection.opens.value > p.collection.closes.value) problem('征缴期开始晚于结束');
    if (p.coverage.start.value > p.coverage.end.value) problem('待遇期开始晚于结束');
    for (const s of p.subsidies) {
      if (s.amount !== null && s.amount > p.standard.value) problem(`资助 ${s.by === 'age' ? s.code : s.identity} 超过个人缴费标准`);
    }
    const codes = p.subsidies.map((s) => (s.by === 'age' ? s.code : s.identity));
    if (new Set(codes).size !== codes.length) problem('同一资助身份出现两次');
    if (p.targets && p.targets.items.reduce((sum, t) => sum + t.persons, 0) !== p.targets.total) problem('任务数合计与分项不符');
    for (const e of p.extensions) if (e.until < p.collection.closes.value) problem('延长期早于征缴期结束');
    // Under the national layer its exemptions replace a notice's late entries; both would disagree.
    if ((p.late === null) !== (p.national !== null)) problem('逾期缴费规则 late 应当且仅当不适用国家等待期规定时给出');
    if (p.national && p.lateEntries.length > 0) problem('适用国家等待期规定的年度不再单列补办参保情形，请写入免等待期名单');
    if (!p.national && p.newborn.kind === 'window' && p.newborn.afterWindow.start === 'as_any_resident') problem('as_any_resident 仅用于适用国家等待期规定的年度');
  });

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
export type SubsidyRule = z.output<typeof subsidyRuleSchema>;
export type NationalLayer = z.output<typeof nationalLayer>;
export type LateEntry = Policy['lateEntries'][number];
