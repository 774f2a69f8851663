/**
 * Entry under the national layer (国办发〔2024〕38号): who waits, how long, from when, and what
 * back-paying missed years (修复) would change. A payment inside the collection period by a
 * continuously insured person, or by an exempt one, has no waiting period; anyone else waits the
 * fixed months plus one per further year of break, less one per repaired year, with a floor after
 * a long break. Inside the period the wait runs from 1 January, after it from the payment date.
 */
import type { NationalLayer, Policy } from '../../policies/schema';
import { addDays, addMonths, chineseDate, isWithin, maxDate, type CivilDate } from '../civil-date';
import { subsidyLabel } from '../vocabulary';
import type { History } from './history';
import type { PersonFacts, WaitingPeriod } from './types';

export interface WaitingTerms {
  /** null: benefits without a waiting period. */
  waiting: WaitingPeriod | null;
  coverageStart: CivilDate;
  condition: string;
  benefit: string;
  cites: string[];
  /** Back-paying these years (not chosen now) would bring benefits forward to `benefitsFrom`. */
  repairOffer: { years: number[]; benefitsFrom: CivilDate } | null;
}

function exemption(layer: NationalLayer, person: PersonFacts, paidOn: CivilDate): string | null {
  const exempt = layer.waiting.exempt;
  const identity = person.identities.find((i) => exempt.identities.includes(i));
  if (identity) return subsidyLabel(identity);
  const ended = person.employeeHistory?.endedOn;
  if (exempt.employeeGapDays !== null && ended && ended <= paidOn && paidOn <= addDays(ended, exempt.employeeGapDays)) {
    return `职工医保中断${exempt.employeeGapDays}日内转入居民医保的人员`;
  }
  return null;
}

/** Months of waiting for a break of `k` years (never insured: the fixed months only) with `repaired` years back-paid. */
function months(layer: NationalLayer, history: History, repaired: number): { fixed: number; variable: number } {
  const { fixedMonths, variablePerBreakYear, repair, longBreak } = layer.waiting;
  const k = history.breakYears.length;
  const fixed = fixedMonths.value;
  let variable = Math.max(0, (k - 1) * variablePerBreakYear.value - repaired * repair.monthsPerYear);
  if (k >= longBreak.years && fixed + variable < longBreak.minMonths) variable = longBreak.minMonths - fixed;
  return { fixed, variable };
}

function benefitsFrom(policy: Policy, inPeriod: boolean, paidOn: CivilDate, total: number): CivilDate {
  // Inside the period the first N whole months of the year; after it, N months from payment (POLICIES.md §1).
  return inPeriod ? addMonths(policy.coverage.start.value, total) : maxDate(addDays(addMonths(paidOn, total), 1), policy.coverage.start.value);
}

const yearsText = (years: readonly number[]) => years.map((y) => `${y}年度`).join('、');

/**
 * `inPeriod`: paid inside the collection period (or an extension the person qualifies for).
 * Returns null when the person is continuous and paid in time: the ordinary on-time terms apply.
 */
export function waitingTerms(policy: Policy, layer: NationalLayer, person: PersonFacts, history: History, paidOn: CivilDate, inPeriod: boolean): WaitingTerms | null {
  const start = policy.coverage.start.value;
  const k = history.breakYears.length;
  const broken = k > 0 || history.neverEnrolled;
  const w = layer.waiting;
  const early = layer.earlyWindow;
  if (!broken && (inPeriod || (early && isWithin(paidOn, start, early.until)))) {
    if (inPeriod) return null;
    const from = early!.start === 'coverage_start' ? start : maxDate(addDays(paidOn, 1), start);
    return { waiting: null, coverageStart: from, condition: `${chineseDate(early!.until)}前连续参保人员缴费，不设等待期`, benefit: from === start ? '全年享受待遇' : '自缴费次日起享受待遇', cites: [early!.cite], repairOffer: null };
  }

  const exempt = exemption(layer, person, paidOn);
  if (exempt) {
    const from = inPeriod ? start : maxDate(addDays(paidOn, 1), start);
    const benefit = inPeriod ? '全年享受待遇' : '自缴费次日起享受待遇';
    return { waiting: null, coverageStart: from, condition: `${exempt}不设待遇等待期`, benefit, cites: [w.exemptCite, w.exempt.cite], repairOffer: null };
  }

  const repaired = person.repairYears?.length ?? 0;
  const { fixed, variable } = months(layer, history, repaired);
  const total = fixed + variable;
  const from = inPeriod ? start : paidOn;
  const benefits = benefitsFrom(policy, inPeriod, paidOn, total);

  const why = history.neverEnrolled
    ? '此前未参加基本医保'
    : k > 0
      ? `断保${k}年（${yearsText([...history.breakYears].reverse())}未参保）`
      : `未在集中缴费期内缴费`;
  const counting = inPeriod ? `自${chineseDate(start)}起计算` : '自缴费之日起计算';
  const length = variable > 0 ? `固定等待期${fixed}个月、变动等待期${variable}个月，共${total}个月` : `固定等待期${fixed}个月`;
  let condition = `${why}，${length}，${counting}`;
  const cites = [w.fixedMonths.cite];
  if (k > 1) cites.push(w.variablePerBreakYear.cite);
  if (history.neverEnrolled) cites.push(w.neverEnrolled);
  if (repaired > 0) {
    condition += `（已补缴${yearsText(person.repairYears!)}，减少变动等待期）`;
    cites.push(w.repair.cite);
  }
  if (k >= w.longBreak.years) {
    condition += `；连续断保${w.longBreak.years}年及以上，等待期不少于${w.longBreak.minMonths}个月`;
    cites.push(w.longBreak.cite);
  }

  // What repairing further years would still save: the most recent missing years first.
  let repairOffer: WaitingTerms['repairOffer'] = null;
  const unrepaired = history.breakYears.filter((y) => !person.repairYears?.includes(y));
  let useful = 0;
  while (useful < unrepaired.length && months(layer, history, repaired + useful + 1).variable < months(layer, history, repaired + useful).variable) useful++;
  if (useful > 0) {
    const fewer = months(layer, history, repaired + useful);
    repairOffer = { years: unrepaired.slice(0, useful), benefitsFrom: benefitsFrom(policy, inPeriod, paidOn, fewer.fixed + fewer.variable) };
  }

  return {
    waiting: { fixedMonths: fixed, variableMonths: variable, from, benefitsFrom: benefits },
    coverageStart: benefits,
    condition,
    benefit: `${chineseDate(benefits)}起享受待遇`,
    cites,
    repairOffer,
  };
}
