/** Test people with valid ID numbers, quoted through the same contract layer as the CLI. */
import { describe, expect, it } from 'vitest';
import { answerQuote, quoteJson, type QuoteRequest } from '../../src/contracts/quote';
import { checkCharacter } from '../../src/core/id-number';

/** A resident ID with a valid check digit: region code, birth date, 3-digit sequence (odd = male). */
export function idNumber(region: string, birth: string, seq = '001'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${seq}`;
  return first17 + checkCharacter(first17);
}

export const REGION_CODES: Record<string, string> = {
  tengzhou: '370481',
  qixian: '341302',
  huining: '620422',
  zhaoqing: '441202',
  dingtao: '371703',
  // The demo county is fictional: its residents carry Beijing 东城区 numbers (as in QUOTE_API.md).
  demo: '110101',
};

export type PersonInput = QuoteRequest['household'][number];
export type PersonSpec = Partial<PersonInput> & { born?: string; seq?: string };

export function person(policy: string, spec: PersonSpec = {}): PersonInput {
  const { born = '1980-05-05', seq, ...rest } = spec;
  const region = REGION_CODES[policy.split('-')[0]!]!;
  return { name: '张三', id: idNumber(region, born, seq), ...rest } as PersonInput;
}

export function quote(policy: string, paidOn: string, household: PersonSpec[]) {
  const req = { policy, paidOn, household: household.map((p) => person(policy, p)) } as QuoteRequest;
  return quoteJson('t', answerQuote(req));
}

export function quoteOne(policy: string, paidOn: string, spec: PersonSpec = {}) {
  return quote(policy, paidOn, [spec]).members[0]!;
}

export interface Case {
  name: string;
  paidOn: string;
  person?: PersonSpec;
  expect: Record<string, unknown>;
  /** Clauses that must be among the citations. */
  cites?: string[];
}

/** One clause, one table: inputs → expected outputs (OpenFisca style). */
export function clause(title: string, policy: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases)('$name', (c) => {
      const member = quoteOne(policy, c.paidOn, c.person);
      expect(member).toMatchObject(c.expect);
      for (const cite of c.cites ?? []) expect(member.citations).toContain(cite);
      expect(member.reason).toMatch(/[\u4e00-\u9fa5]/);
      expect(member.citations.length).toBeGreaterThan(0);
    });
  });
}

/** Expected pay outcome, in the contract's strings. */
export function pays(due: string, coverageStart: string, extra: Record<string, unknown> = {}) {
  return { outcome: 'pay', due, coverageStart, ...extra };
}
