/**
 * A household's quote on a payment date: every member's outcome, amounts and clauses, and the
 * total due now. Pure: the policy, the people and the date come in as values.
 */
import { counterText } from '../../policies/counter';
import type { Policy } from '../../policies/schema';
import { chineseDate, type CivilDate } from '../civil-date';
import { formatYuan } from '../money';
import { subsidyLabel } from '../vocabulary';
import { checkScope, leavingNote, scopeCitations } from './eligibility';
import { entryFor } from './entry';
import { readHistory } from './history';
import { incentiveFor, type Incentive } from './incentive';
import { chooseSubsidy, type SubsidyChoice } from './subsidy';
import type { AppliedSubsidy, HouseholdQuote, MemberQuote, PersonFacts } from './types';

/** A date on which this coverage year is not sold at all: an expected answer, returned as a value. */
export interface NotOnSale {
  code: 'NOT_YET_OPEN' | 'YEAR_ENDED';
  message: string;
}

export function saleWindowProblem(policy: Policy, paidOn: CivilDate): NotOnSale | null {
  const name = `${policy.region.name}${policy.coverageYear}年度居民医保`;
  if (paidOn < policy.collection.opens.value) {
    return { code: 'NOT_YET_OPEN', message: `${name}自${chineseDate(policy.collection.opens.value)}起缴费，该日期尚未开始缴费。` };
  }
  if (paidOn > policy.coverage.end.value) {
    return { code: 'YEAR_ENDED', message: `${name}的待遇期已于${chineseDate(policy.coverage.end.value)}结束，不能再缴费。` };
  }
  return null;
}

function incentiveSentence({ continuousYears, capIncrease }: Incentive): string {
  const amount = capIncrease === null ? '按当地规定' : `${formatYuan(Math.abs(capIncrease))}元`;
  if (capIncrease !== null && capIncrease < 0) return `断保后再参保，连续参保年数重新计算，大病保险最高支付限额降低${amount}`;
  if (capIncrease === 0) return `连续参保第${continuousYears}年`;
  return `连续参保第${continuousYears}年：大病保险最高支付限额提高${amount}`;
}

/** Clauses in order of use, each once. */
function addCites(to: string[], cites: readonly string[]): void {
  for (const c of cites) if (!to.includes(c)) to.push(c);
}

function subsidySentence(choice: SubsidyChoice, applied: AppliedSubsidy | null, due: number, standard: number, fullPremium: boolean): string {
  const y = formatYuan;
  if (fullPremium) return `应缴${y(standard)}元`;
  if (applied) {
    const label = subsidyLabel(applied.identity);
    if (applied.timing === 'rebate') return `缴费${y(standard)}元，其中${label}资助${y(applied.amount)}元缴费后转入社保卡`;
    if (due === 0) return `${label}全额资助，个人无需缴费`;
    return `${label}资助${y(applied.amount)}元，个人缴费${y(due)}元`;
  }
  if (choice.kind === 'withheld') return `参军、服刑人员不予资助，缴费${y(due)}元`;
  if (choice.kind === 'none' && choice.codes.length > 0) return `${choice.codes.map(subsidyLabel).join('、')}不享受资助，缴费${y(due)}元`;
  return `缴费${y(standard)}元`;
}

function quoteMember(policy: Policy, person: PersonFacts, household: readonly PersonFacts[], paidOn: CivilDate): MemberQuote {
  const scope = checkScope(policy, person, household, paidOn);
  if (scope) return { id: person.id, ...scope, ...(scope.outcome === 'counter' ? { office: counterText(policy) } : {}) };

  const choice = chooseSubsidy(policy, person);
  const citations = scopeCitations(policy, person);
  const notes: string[] = [];
  const leaving = leavingNote(person);
  if (leaving) notes.push(leaving);

  if (person.school) {
    const mayPayHere = policy.scope.school.subsidisedMayPayHere;
    if (!(mayPayHere && choice.kind === 'granted')) {
      return { id: person.id, outcome: 'school', reason: '在校学生由学校统一办理参保登记和缴费，请向学校咨询。', citations: [policy.scope.school.cite] };
    }
    notes.push('在校学生持救助身份，可在身份认定地缴费（也可在学校参保）');
    addCites(citations, [mayPayHere]);
  }

  if (choice.kind === 'unconfigured') {
    return {
      id: person.id,
      outcome: 'counter',
      office: counterText(policy),
      reason: `${subsidyLabel(choice.code)}的资助金额本通知未给出（资助待核定），请到${counterText(policy)}办理。`,
      citations: [choice.rule.cite],
    };
  }

  const history = readHistory(person.enrolledYears, policy.coverageYear, Number(person.birthDate.slice(0, 4)));
  const entry = entryFor({ policy, person, paidOn, subsidised: choice.kind === 'granted', history });
  if (entry.kind === 'counter') {
    return { id: person.id, outcome: 'counter', office: counterText(policy), reason: `${entry.condition}，请到${counterText(policy)}办理。`, citations: entry.cites };
  }
  const coverageEnd = policy.coverage.end.value;
  if (entry.coverageStart > coverageEnd) {
    return {
      id: person.id,
      outcome: 'ineligible',
      reason: `${entry.condition}，待遇开始前${policy.coverageYear}年度已结束，本年度缴费无法享受待遇，请参加下一年度。`,
      citations: entry.cites,
    };
  }

  const standard = entry.premium ?? policy.standard.value;
  const applied: AppliedSubsidy | null =
    choice.kind === 'granted' && entry.keepsSubsidy
      ? { identity: choice.code, amount: choice.amount, timing: choice.rule.timing, fundedBy: choice.rule.fundedBy }
      : null;
  const personal = applied && applied.timing === 'offset' ? standard - applied.amount : standard;
  const national = policy.national;
  // Back-paid years (修复) cost this year's personal standard each, with no subsidy.
  const repairYears = national ? (person.repairYears ?? []) : [];
  const repair = repairYears.length > 0 ? { years: repairYears, amount: repairYears.length * policy.standard.value } : null;
  const due = personal + (repair?.amount ?? 0);
  const incentive = national ? incentiveFor(national, history, person.claimFreeLastYear ?? false) : null;

  addCites(citations, [entry.premium === null ? policy.standard.cite : entry.cites[0]!]);
  if (applied && choice.kind === 'granted') addCites(citations, choice.among > 1 ? [choice.rule.cite, policy.highestOnlyCite] : [choice.rule.cite]);
  if (choice.kind === 'withheld') addCites(citations, [choice.cite]);
  if (choice.kind === 'none') addCites(citations, choice.cites);
  addCites(citations, entry.cites);

  if (national && !history.known) notes.push('未提供以往参保记录，按连续参保计算');
  const sentences = [...notes, subsidySentence(choice, applied, personal, standard, entry.premium !== null), `${entry.condition}，${entry.benefit}`];
  if (repair) sentences.push(`补缴${repair.years.map((y) => `${y}年度`).join('、')}${formatYuan(repair.amount)}元（按本年度个人缴费标准）`);
  const offer = entry.repairOffer && { ...entry.repairOffer, amountPerYear: policy.standard.value };
  if (offer) {
    const years = offer.years.map((y) => `${y}年度`).join('、');
    sentences.push(`补缴${years}（${formatYuan(offer.years.length * offer.amountPerYear)}元）可提前到${chineseDate(offer.benefitsFrom)}起享受待遇`);
    addCites(citations, [national!.waiting.repair.cite]);
  }
  if (incentive && national) {
    sentences.push(incentiveSentence(incentive));
    addCites(citations, [national.incentive.cite]);
  }
  const sentence = sentences.join('；');
  return {
    id: person.id,
    outcome: 'pay',
    standard,
    subsidy: applied,
    due,
    coverageStart: entry.coverageStart,
    coverageEnd,
    entry: entry.kind,
    waitingPeriodEnds: entry.waitingPeriodEnds,
    waitingPeriod: entry.waiting,
    repair,
    repairOffer: offer,
    incentive,
    ...(entry.newbornPayBy ? { newbornPayBy: entry.newbornPayBy } : {}),
    ...(entry.payBy ? { payBy: entry.payBy } : {}),
    reason: `${sentence}。`,
    citations,
  };
}

export function quoteHousehold(policy: Policy, household: readonly PersonFacts[], paidOn: CivilDate): HouseholdQuote | NotOnSale {
  const notOnSale = saleWindowProblem(policy, paidOn);
  if (notOnSale) return notOnSale;
  const members = household.map((person) => quoteMember(policy, person, household, paidOn));
  let totalDue = 0;
  for (const m of members) if (m.outcome === 'pay') totalDue += m.due;
  return {
    policy: policy.id,
    coverageYear: policy.coverageYear,
    members,
    totalDue,
    national: policy.national !== null,
    wholeHousehold: policy.wholeHousehold
      ? { reason: '本地要求整户缴费：户内应参保的成员需一并缴纳。', citations: [policy.wholeHousehold] }
      : null,
  };
}
