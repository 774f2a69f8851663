/**
 * The single most generous subsidy a person qualifies for (就高不就低, 不重复资助).
 * Ties go to the group the notice lists first.
 */
import type { Policy, SubsidyRule } from '../../policies/schema';
import { ageOn } from '../civil-date';
import type { SubsidyCode } from '../vocabulary';
import type { PersonFacts } from './types';

export type SubsidyChoice =
  | { kind: 'granted'; rule: SubsidyRule; code: SubsidyCode; amount: number; among: number }
  /** The person belongs to a group whose amount the notice does not give. */
  | { kind: 'unconfigured'; rule: SubsidyRule; code: SubsidyCode }
  /** The person belongs to a group but the notice withholds subsidies from them (huining §二(二)4). */
  | { kind: 'withheld'; code: SubsidyCode; cite: string }
  /** No subsidy; `cites` names clauses that explicitly deny one (稳定脱贫人口). */
  | { kind: 'none'; codes: SubsidyCode[]; cites: string[] };

export function subsidyCode(rule: SubsidyRule): SubsidyCode {
  return rule.by === 'age' ? rule.code : rule.identity;
}

function applies(rule: SubsidyRule, person: PersonFacts, ageOnCoverageStart: number): boolean {
  if (rule.by === 'identity') return person.identities.includes(rule.identity);
  return ageOnCoverageStart >= rule.minAge && (rule.maxAge === null || ageOnCoverageStart <= rule.maxAge);
}

export function chooseSubsidy(policy: Policy, person: PersonFacts): SubsidyChoice {
  // Age is counted in full years on 1 January of the coverage year (POLICIES.md §2).
  const age = ageOn(person.birthDate, policy.coverage.start.value);
  let candidates = 0;
  let first: SubsidyRule | undefined;
  let unconfigured: SubsidyRule | undefined;
  let best: SubsidyRule | undefined;
  const zero: SubsidyRule[] = [];
  for (const rule of policy.subsidies) {
    if (!applies(rule, person, age)) continue;
    candidates++;
    first ??= rule;
    if (rule.amount === null) unconfigured ??= rule;
    else if (rule.amount === 0) zero.push(rule);
    else if (!best || rule.amount > best.amount!) best = rule;
  }
  if (!first) return { kind: 'none', codes: [], cites: [] };

  const withheld = policy.subsidyWithheld.find((w) => person[w.who]);
  if (withheld) return { kind: 'withheld', code: subsidyCode(first), cite: withheld.cite };
  if (unconfigured) return { kind: 'unconfigured', rule: unconfigured, code: subsidyCode(unconfigured) };
  if (best) return { kind: 'granted', rule: best, code: subsidyCode(best), amount: Math.min(best.amount!, policy.standard.value), among: candidates };
  return { kind: 'none', codes: zero.map(subsidyCode), cites: [...new Set(zero.map((r) => r.cite))] };
}
