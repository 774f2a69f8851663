/**
 * When does a payment made on `paidOn` start benefits, and on what terms?
 * Order (POLICIES.md §4): a newborn clause wins over everything; then the collection period and
 * the windows treated as on time; then the notice's named late entries; then its late rule.
 */
import type { LateEntry, NationalLayer, Policy } from '../../policies/schema';
import { addDays, addMonths, chineseDate, firstOfNextMonth, isWithin, maxDate, type CivilDate } from '../civil-date';
import type { Fen } from '../money';
import { isNewborn, newbornWindow } from './newborn';
import type { History } from './history';
import { waitingTerms, type WaitingTerms } from './waiting';
import type { EntryKind, PersonFacts, WaitingPeriod } from './types';

export type Entry =
  | {
      kind: EntryKind;
      coverageStart: CivilDate;
      /** false: the notice takes the personal subsidy away (tengzhou's late payers). */
      keepsSubsidy: boolean;
      /** Replaces the personal standard (tengzhou's full premium). */
      premium: Fen | null;
      waitingPeriodEnds: CivilDate | null;
      /** The national layer's waiting period and repair offer (from 2025), else null. */
      waiting: WaitingPeriod | null;
      repairOffer: WaitingTerms['repairOffer'];
      /** A newborn paying inside its window: the last day on these terms. */
      newbornPayBy?: CivilDate;
      /** On time or in an extension: the period's last day (a reminder's date). */
      payBy?: CivilDate;
      /** Why the payment is admitted on these terms: "已过集中缴费期（…截止），设3个月等待期". */
      condition: string;
      /** When benefits start, in words: "全年享受待遇", "2024年4月16日起享受待遇". */
      benefit: string;
      cites: string[];
    }
  | { kind: 'counter'; condition: string; cites: string[] };

type PayEntry = Exclude<Entry, { kind: 'counter' }>;

interface EntryContext {
  policy: Policy;
  person: PersonFacts;
  paidOn: CivilDate;
  subsidised: boolean;
  history: History;
}

const dayAfter = (date: CivilDate) => addDays(date, 1);

function onTerms(
  kind: EntryKind,
  coverageStart: CivilDate,
  condition: string,
  benefit: string,
  cites: string[],
  extra: Partial<{ keepsSubsidy: boolean; premium: Fen; waitingPeriodEnds: CivilDate }> = {},
): PayEntry {
  return {
    kind,
    coverageStart,
    keepsSubsidy: extra.keepsSubsidy ?? true,
    premium: extra.premium ?? null,
    waitingPeriodEnds: extra.waitingPeriodEnds ?? null,
    waiting: null,
    repairOffer: null,
    condition,
    benefit,
    cites,
  };
}

/** "From the day after payment" never starts before the coverage year. */
function fromDayAfterPayment(policy: Policy, paidOn: CivilDate): CivilDate {
  return maxDate(dayAfter(paidOn), policy.coverage.start.value);
}

function newbornEntry({ policy, person, paidOn }: EntryContext): Entry | null {
  const rule = policy.newborn;
  const birth = person.birthDate;
  const window = newbornWindow(policy, birth);
  if (rule.kind !== 'window' || !window || !isNewborn(policy, birth, paidOn)) return null;

  if (paidOn <= window.lastDay) {
    const within = rule.withinWindow.find((w) => (!w.bornFrom || birth >= w.bornFrom) && (!w.bornTo || birth <= w.bornTo))!;
    const coverageStart = policy.coverage.start.value;
    const start = {
      birth,
      payment_date: paidOn,
      coverage_start: coverageStart,
      birth_or_coverage_start: maxDate(birth, coverageStart),
    }[within.start];
    const how = start === coverageStart ? '全年享受待遇' : within.start === 'payment_date' ? '自缴费之日起享受待遇' : '自出生之日起享受待遇';
    const entry = onTerms('newborn', start, `新生儿${window.span}参保`, how, [...new Set([rule.window.cite, within.cite])]);
    // Cover from the birth date is what a late payment loses: the deadline matters only then.
    return start === birth ? { ...entry, newbornPayBy: window.lastDay } : entry;
  }

  const late = `新生儿超过${window.span.replace('内', '')}（${chineseDate(window.lastDay)}）参保`;
  const after = rule.afterWindow;
  if (after.start === 'as_any_resident') return null;
  if (after.start === 'counter') return { kind: 'counter', condition: `${late}，本通知未规定网上补缴`, cites: [after.cite] };
  const start = after.start === 'day_after_payment' ? fromDayAfterPayment(policy, paidOn) : maxDate(firstOfNextMonth(paidOn), policy.coverage.start.value);
  const how = after.start === 'day_after_payment' ? '自缴费次日' : '自缴费次月';
  return onTerms('newborn', start, late, `${how}（${chineseDate(start)}）起享受待遇`, [after.cite]);
}

function onTimeEntry({ policy, person, paidOn, subsidised }: EntryContext): PayEntry | null {
  const { opens, closes } = policy.collection;
  const start = policy.coverage.start.value;
  if (isWithin(paidOn, opens.value, closes.value)) {
    const entry = onTerms('on_time', start, '在集中缴费期内缴费', '全年享受待遇', opens.cite === closes.cite ? [closes.cite] : [opens.cite, closes.cite]);
    return { ...entry, payBy: closes.value };
  }
  for (const ext of policy.extensions) {
    const qualifies = ext.who === 'subsidised' ? subsidised : person.migrantWorker;
    if (qualifies && paidOn > closes.value && paidOn <= ext.until) {
      const who = ext.who === 'subsidised' ? '政府资助人员' : '农村外出务工人员';
      return { ...onTerms('extended', start, `${who}缴费期延长至${chineseDate(ext.until)}`, '全年享受待遇', [ext.cite]), payBy: ext.until };
    }
  }
  return null;
}

function lateEntry(entry: LateEntry, { policy, person, paidOn }: EntryContext): Entry | null {
  switch (entry.kind) {
    case 'employee_lapse': {
      const history = person.employeeHistory;
      if (!history || history.continuousYears < entry.minContinuousYears) return null;
      const who = `职工医保连续参保满${entry.minContinuousYears}年后中断`;
      const gapEnds = addMonths(history.endedOn, entry.maxGapMonths);
      if (paidOn <= gapEnds) {
        const start = fromDayAfterPayment(policy, paidOn);
        return onTerms('late_entry', start, `${who}不超过${entry.maxGapMonths}个月，补办参保`, '自缴费次日起享受待遇', [entry.cite]);
      }
      const waitEnds = addMonths(paidOn, entry.longGap.waitMonths);
      const start = maxDate(dayAfter(waitEnds), policy.coverage.start.value);
      return onTerms('late_entry', start, `${who}超过${entry.maxGapMonths}个月，设${entry.longGap.waitMonths}个月等待期`, `${chineseDate(start)}起享受待遇`, [entry.cite, entry.longGap.cite], {
        waitingPeriodEnds: waitEnds,
      });
    }
    case 'discharged': {
      const on = person.dischargedOn;
      if (!on || on < entry.since || on > paidOn) return null;
      const start = fromDayAfterPayment(policy, paidOn);
      return onTerms('late_entry', start, '当年退出现役，补办参保', '自缴费次日起享受待遇', [entry.cite]);
    }
    case 'newly_recognized': {
      const on = person.newlyRecognizedOn;
      if (!on || on > paidOn || !person.identities.some((i) => entry.identities.includes(i))) return null;
      if (entry.withinMonths !== null && paidOn > addMonths(on, entry.withinMonths)) return null;
      const start = fromDayAfterPayment(policy, paidOn);
      const deadline = entry.withinMonths === null ? '' : `${entry.withinMonths}个月内`;
      return onTerms('late_entry', start, `新认定资助身份${deadline}补办参保`, '自缴费次日起享受待遇', [entry.cite]);
    }
  }
}

function lateRule({ policy, person, paidOn }: EntryContext): Entry {
  const closes = policy.collection.closes;
  const missed = `已过集中缴费期（${chineseDate(closes.value)}截止）`;
  if (policy.newborn.kind === 'not_stated' && person.birthDate > closes.value) {
    return { kind: 'counter', condition: '新生儿在集中缴费期结束后出生，本通知未规定新生儿参保办法', cites: [policy.newborn.cite] };
  }
  // Only reached without the national layer, where the schema requires a late rule.
  const rule = policy.late!;
  switch (rule.kind) {
    case 'full_premium': {
      const start = maxDate(addDays(paidOn, rule.waitDays + 1), policy.coverage.start.value);
      return onTerms('late', start, `${missed}，须全额缴纳含政府补助的保费，不享受资助`, `缴费${rule.waitDays}日后（${chineseDate(start)}）起享受待遇`, [rule.cite], {
        keepsSubsidy: false,
        premium: rule.premium,
        waitingPeriodEnds: addDays(paidOn, rule.waitDays),
      });
    }
    case 'waiting_period': {
      const waitEnds = addMonths(paidOn, rule.months);
      const start = maxDate(dayAfter(waitEnds), policy.coverage.start.value);
      return onTerms('late', start, `${missed}，设${rule.months}个月等待期`, `${chineseDate(start)}起享受待遇`, [rule.cite], { waitingPeriodEnds: waitEnds });
    }
    case 'counter':
      return { kind: 'counter', condition: `${missed}，本通知未规定网上补缴`, cites: [rule.cite] };
  }
}

/** From 2025: the national layer's waiting period replaces the notice's own late rule. */
function nationalEntry(ctx: EntryContext, layer: NationalLayer): Entry {
  const onTime = onTimeEntry(ctx);
  const terms = waitingTerms(ctx.policy, layer, ctx.person, ctx.history, ctx.paidOn, onTime !== null);
  if (!terms) return onTime!;
  const entry = onTerms(onTime ? onTime.kind : 'late', terms.coverageStart, terms.condition, terms.benefit, terms.cites);
  if (terms.waiting) entry.waitingPeriodEnds = addDays(terms.waiting.benefitsFrom, -1);
  return { ...entry, waiting: terms.waiting, repairOffer: terms.repairOffer };
}

export function entryFor(ctx: EntryContext): Entry {
  const newborn = newbornEntry(ctx);
  if (newborn) return newborn;
  if (ctx.policy.national) return nationalEntry(ctx, ctx.policy.national);
  const onTime = onTimeEntry(ctx);
  if (onTime) return onTime;
  if (ctx.paidOn > ctx.policy.collection.closes.value) {
    for (const entry of ctx.policy.lateEntries) {
      const admitted = lateEntry(entry, ctx);
      if (admitted) return admitted;
    }
  }
  return lateRule(ctx);
}
