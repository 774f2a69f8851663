/**
 * The quote contract (shared/spec/QUOTE_API.md): the request line's shape, its conversion into the
 * facts the rules read, and the answer in the contract's strings (two-decimal amounts).
 */
import { z } from 'zod';
import { readIdNumber, ID_PROBLEM_MESSAGES, maskIdNumber } from '../core/id-number';
import { formatYuan } from '../core/money';
import { quoteHousehold } from '../core/rules/quote';
import type { HouseholdQuote, MemberQuote, PersonFacts } from '../core/rules/types';
import { isIdentityCode, type IdentityCode } from '../core/vocabulary';
import { AnswerError } from './errors';
import { civilDate, optionalDate, policyById } from './fields';

const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);
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
});

export const quoteRequestSchema = z.object({
  ref: refSchema,
  policy: z.string(),
  paidOn: z.string(),
  household: z.array(personSchema).min(1),
});

export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
type PersonInput = z.infer<typeof personSchema>;

function toFacts(p: PersonInput, index: number, paidOn: string): PersonFacts {
  const who = `第${index + 1}位成员`;
  const read = readIdNumber(p.id);
  if (!read.ok) throw new AnswerError('INVALID_ID', `${who}（${maskIdNumber(p.id)}）：${ID_PROBLEM_MESSAGES[read.problem]}`);

  const identities: IdentityCode[] = [];
  for (const code of p.identities ?? []) {
    if (!isIdentityCode(code)) throw new AnswerError('UNKNOWN_IDENTITY', `${who}的资助身份代码“${code}”不存在`);
    identities.push(code);
  }
  const birthDate = optionalDate(p.birthDate, `${who}的出生日期`) ?? read.facts.birthDate;
  if (birthDate > paidOn) throw new AnswerError('BIRTH_AFTER_PAYMENT', `${who}的出生日期晚于缴费日期`);

  const facts: PersonFacts = {
    id: p.id,
    name: p.name,
    idKind: read.facts.kind,
    birthDate,
    identities,
    employeeInsured: p.employeeInsured,
    school: p.school,
    migrantWorker: p.migrantWorker,
    military: p.military,
    prisoner: p.prisoner,
    hukou: p.hukou ?? 'local',
    residencePermit: p.residencePermit,
    paid: p.paid,
  };
  const newlyRecognizedOn = optionalDate(p.newlyRecognizedOn, `${who}的身份认定日期`);
  if (newlyRecognizedOn) facts.newlyRecognizedOn = newlyRecognizedOn;
  const leavesOn = optionalDate(p.leavesOn, `${who}的复员或释放日期`);
  if (leavesOn) facts.leavesOn = leavesOn;
  const dischargedOn = optionalDate(p.dischargedOn, `${who}的退役日期`);
  if (dischargedOn) facts.dischargedOn = dischargedOn;
  if (p.employeeHistory) {
    facts.employeeHistory = {
      continuousYears: p.employeeHistory.continuousYears,
      endedOn: civilDate(p.employeeHistory.endedOn, `${who}的职工医保中断日期`),
    };
  }
  return facts;
}

/** The quote for a validated request line. Throws AnswerError for input it cannot answer. */
export function answerQuote(request: QuoteRequest): HouseholdQuote {
  const policy = policyById(request.policy);
  const paidOn = civilDate(request.paidOn, '缴费日期 paidOn');
  const household = request.household.map((p, i) => toFacts(p, i, paidOn));
  return quoteHousehold(policy, household, paidOn);
}

export function memberJson(m: MemberQuote) {
  if (m.outcome !== 'pay') {
    return { id: m.id, outcome: m.outcome, reason: m.reason, citations: m.citations, ...(m.office ? { office: m.office } : {}) };
  }
  return {
    id: m.id,
    outcome: m.outcome,
    standard: formatYuan(m.standard),
    subsidy: m.subsidy && { identity: m.subsidy.identity, amount: formatYuan(m.subsidy.amount), timing: m.subsidy.timing, fundedBy: m.subsidy.fundedBy },
    due: formatYuan(m.due),
    coverageStart: m.coverageStart,
    coverageEnd: m.coverageEnd,
    entry: m.entry,
    waitingPeriodEnds: m.waitingPeriodEnds,
    reason: m.reason,
    citations: m.citations,
  };
}

export function quoteJson(ref: QuoteRequest['ref'], q: HouseholdQuote) {
  return {
    ref: ref ?? null,
    policy: q.policy,
    coverageYear: q.coverageYear,
    totalDue: formatYuan(q.totalDue),
    members: q.members.map(memberJson),
    wholeHousehold: q.wholeHousehold,
  };
}
