/**
 * The quote contract (shared/spec/QUOTE_API.md): the request line's shape, its conversion into the
 * facts the rules read, and the answer in the contract's strings (two-decimal amounts).
 */
import { z } from 'zod';
import { readIdNumber, ID_PROBLEM_MESSAGES, maskIdNumber } from '../core/id-number';
import { formatYuan } from '../core/money';
import { quoteHousehold } from '../core/rules/quote';
import { repairProblem } from '../core/rules/history';
import type { EntryKind, Explained, HouseholdQuote, MemberQuote, PersonFacts, WaitingPeriod } from '../core/rules/types';
import { isIdentityCode, type IdentityCode, type Outcome, type SubsidyCode } from '../core/vocabulary';
import { AnswerError } from './errors';
import { civilDate, policyById } from './fields';
import { findPendingYear } from '../policies/registry';
import { pendingReason, type PendingYear } from '../policies/pending';

// No transforms here: zod pipes are the slowest part of a parse, and defaults are applied in toFacts.
const flag = z.boolean().nullish();
const text = z.string().nullish();
export const refSchema = z.union([z.string(), z.number()]).nullish();

export const personSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  birthDate: text,
  identities: z.array(z.string()).nullish(),
  newlyRecognizedOn: text,
  employeeInsured: flag,
  employeeHistory: z.object({ continuousYears: z.number().nonnegative(), endedOn: z.string() }).nullish(),
  school: flag,
  migrantWorker: flag,
  military: flag,
  prisoner: flag,
  leavesOn: text,
  dischargedOn: text,
  hukou: z.enum(['local', 'nonlocal']).nullish(),
  residencePermit: flag,
  paid: flag,
  enrolledYears: z.array(z.number().int().min(1900).max(2100)).max(200).nullish(),
  repairYears: z.array(z.number().int().min(1900).max(2100)).max(50).nullish(),
  claimFreeLastYear: flag,
});

/** More than any real household (户): a larger one is an input error, and it bounds one line's memory. */
export const MAX_HOUSEHOLD = 100;

export const quoteRequestSchema = z.object({
  ref: refSchema,
  policy: z.string(),
  paidOn: z.string(),
  household: z.array(personSchema).min(1).max(MAX_HOUSEHOLD),
});

export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
type PersonInput = z.infer<typeof personSchema>;

const member = (index: number) => `第${index + 1}位成员`;

function toFacts(p: PersonInput, index: number, paidOn: string): PersonFacts {
  const read = readIdNumber(p.id);
  if (!read.ok) throw new AnswerError('INVALID_ID', `${member(index)}（${maskIdNumber(p.id)}）：${ID_PROBLEM_MESSAGES[read.problem]}`);

  const identities: IdentityCode[] = [];
  for (const code of p.identities ?? []) {
    if (!isIdentityCode(code)) throw new AnswerError('UNKNOWN_IDENTITY', `${member(index)}的资助身份代码“${code}”不存在`);
    identities.push(code);
  }
  const birthDate = p.birthDate == null ? read.facts.birthDate : civilDate(p.birthDate, () => `${member(index)}的出生日期`);
  // Every accepted ID carries the birth date; a different one would silently change an age subsidy.
  if (birthDate !== read.facts.birthDate) {
    throw new AnswerError('INVALID_REQUEST', `${member(index)}填写的出生日期与证件号码中的出生日期（${read.facts.birthDate}）不一致`);
  }
  if (birthDate > paidOn) throw new AnswerError('BIRTH_AFTER_PAYMENT', `${member(index)}的出生日期晚于缴费日期`);

  const facts: PersonFacts = {
    id: p.id,
    name: p.name,
    idKind: read.facts.kind,
    birthDate,
    identities,
    employeeInsured: p.employeeInsured ?? false,
    school: p.school ?? false,
    migrantWorker: p.migrantWorker ?? false,
    military: p.military ?? false,
    prisoner: p.prisoner ?? false,
    hukou: p.hukou ?? 'local',
    residencePermit: p.residencePermit ?? false,
    paid: p.paid ?? false,
  };
  if (p.newlyRecognizedOn != null) facts.newlyRecognizedOn = civilDate(p.newlyRecognizedOn, () => `${member(index)}的身份认定日期`);
  if (p.leavesOn != null) facts.leavesOn = civilDate(p.leavesOn, () => `${member(index)}的复员或释放日期`);
  if (p.dischargedOn != null) facts.dischargedOn = civilDate(p.dischargedOn, () => `${member(index)}的退役日期`);
  if (p.employeeHistory) {
    const endedOn = civilDate(p.employeeHistory.endedOn, () => `${member(index)}的职工医保中断日期`);
    if (endedOn > paidOn) throw new AnswerError('INVALID_REQUEST', `${member(index)}的职工医保中断日期晚于缴费日期，仍在职工医保的请填写 employeeInsured`);
    facts.employeeHistory = { continuousYears: p.employeeHistory.continuousYears, endedOn };
  }
  if (p.enrolledYears != null) facts.enrolledYears = p.enrolledYears;
  if (p.repairYears != null && p.repairYears.length > 0) facts.repairYears = p.repairYears;
  if (p.claimFreeLastYear != null) facts.claimFreeLastYear = p.claimFreeLastYear;
  return facts;
}

/** A year whose standard is not published: every member to the counter, nothing priced. */
function pendingQuote(year: PendingYear, household: readonly PersonFacts[]): HouseholdQuote {
  const reason = pendingReason(year);
  return {
    policy: year.id,
    coverageYear: year.coverageYear,
    members: household.map((p) => ({ id: p.id, outcome: 'counter', office: year.counterOffice, reason, citations: [year.cite] })),
    totalDue: 0,
    national: false,
    wholeHousehold: null,
  };
}

/** The same person twice in one household would be charged twice. */
function checkDistinct(household: readonly PersonFacts[]): void {
  const seen = new Map<string, number>();
  household.forEach((p, i) => {
    const id = p.id.toUpperCase();
    const first = seen.get(id);
    if (first !== undefined) throw new AnswerError('INVALID_REQUEST', `${member(first)}和${member(i)}是同一个人（${maskIdNumber(p.id)}），每人只能出现一次`);
    seen.set(id, i);
  });
}

/** A request line's household as the rules read it on a payment date (AnswerError for bad input). */
export function householdFacts(household: QuoteRequest['household'], paidOn: string): PersonFacts[] {
  const facts = household.map((p, i) => toFacts(p, i, paidOn));
  checkDistinct(facts);
  return facts;
}

/** The quote for a validated request line. Throws AnswerError for input it cannot answer. */
export function answerQuote(request: QuoteRequest): HouseholdQuote {
  const pending = findPendingYear(request.policy);
  const policy = pending ? null : policyById(request.policy);
  const paidOn = civilDate(request.paidOn, '缴费日期 paidOn');
  const household = householdFacts(request.household, paidOn);
  if (!policy) return pendingQuote(pending!, household);
  household.forEach((p, i) => {
    const problem = repairProblem(policy, p);
    if (problem) throw new AnswerError('INVALID_REQUEST', `${member(i)}：${problem}`);
  });
  const quote = quoteHousehold(policy, household, paidOn);
  if ('code' in quote) throw new AnswerError(quote.code, quote.message);
  return quote;
}

/** The contract's member, in its strings (QUOTE_API.md). */
export type MemberJson =
  | {
      id: string;
      outcome: 'pay';
      standard: string;
      subsidy: { identity: SubsidyCode; amount: string; timing: 'offset' | 'rebate' } | null;
      due: string;
      coverageStart: string;
      coverageEnd: string;
      entry: EntryKind;
      waitingPeriodEnds?: string;
      waitingPeriod?: WaitingPeriod | null;
      repair?: { years: number[]; amount: string } | null;
      repairOffer?: { years: number[]; amount: string; benefitsFrom: string } | null;
      incentive?: { continuousYears: number; capIncrease: string | null } | null;
      newbornPayBy?: string;
      reason: string;
      citations: string[];
    }
  | { id: string; outcome: Exclude<Outcome, 'pay'>; reason: string; citations: string[]; office?: string };

export interface QuoteJson {
  ref: string | number | null;
  policy: string;
  coverageYear: number;
  totalDue: string;
  members: MemberJson[];
  wholeHousehold?: Explained;
}

// Optional fields are assigned only when present (no spread of temporary objects: this runs per member).
/** `national`: the policy sits on the national layer, so its fields are part of the answer. */
export function memberJson(m: MemberQuote, national = false): MemberJson {
  if (m.outcome !== 'pay') {
    const json: MemberJson = { id: m.id, outcome: m.outcome, reason: m.reason, citations: m.citations };
    if (m.office) json.office = m.office;
    return json;
  }
  const json: MemberJson = {
    id: m.id,
    outcome: m.outcome,
    standard: formatYuan(m.standard),
    subsidy: m.subsidy && { identity: m.subsidy.identity, amount: formatYuan(m.subsidy.amount), timing: m.subsidy.timing },
    due: formatYuan(m.due),
    coverageStart: m.coverageStart,
    coverageEnd: m.coverageEnd,
    entry: m.entry,
    reason: m.reason,
    citations: m.citations,
  };
  if (m.waitingPeriodEnds) json.waitingPeriodEnds = m.waitingPeriodEnds;
  if (m.newbornPayBy) json.newbornPayBy = m.newbornPayBy;
  if (national) {
    json.waitingPeriod = m.waitingPeriod;
    json.repair = m.repair && { years: m.repair.years, amount: formatYuan(m.repair.amount) };
    json.repairOffer = m.repairOffer && {
      years: m.repairOffer.years,
      amount: formatYuan(m.repairOffer.years.length * m.repairOffer.amountPerYear),
      benefitsFrom: m.repairOffer.benefitsFrom,
    };
    json.incentive = m.incentive && { continuousYears: m.incentive.continuousYears, capIncrease: m.incentive.capIncrease === null ? null : formatYuan(m.incentive.capIncrease) };
  }
  return json;
}

export function quoteJson(ref: QuoteRequest['ref'], q: HouseholdQuote): QuoteJson {
  const json: QuoteJson = { ref: ref ?? null, policy: q.policy, coverageYear: q.coverageYear, totalDue: formatYuan(q.totalDue), members: q.members.map((m) => memberJson(m, q.national)) };
  if (q.wholeHousehold) json.wholeHousehold = q.wholeHousehold;
  return json;
}
