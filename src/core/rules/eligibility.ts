/**
 * Who may join this scheme at all (参保范围), before any money is computed.
 * Returns null when the person is in scope, or the outcome that ends the quote.
 */
import { counterText } from '../../policies/counter';
import type { Policy } from '../../policies/schema';
import { ageOn, chineseDate, type CivilDate } from '../civil-date';
import type { Explained, PersonFacts } from './types';

export type ScopeVerdict = null | (Explained & { outcome: 'enrolled' | 'ineligible' | 'counter' });

function counter(policy: Policy, what: string, cite: string): ScopeVerdict {
  return {
    outcome: 'counter',
    reason: `${what}，请到${counterText(policy)}办理。`,
    citations: [cite],
  };
}

function byOutcome(policy: Policy, rule: { outcome: 'pay' | 'ineligible' | 'counter'; cite: string }, who: string): ScopeVerdict {
  if (rule.outcome === 'pay') return null;
  if (rule.outcome === 'ineligible') return { outcome: 'ineligible', reason: `${who}不在${policy.region.name}居民医保参保范围内。`, citations: [rule.cite] };
  return counter(policy, `本通知未明确${who}能否参保`, rule.cite);
}

const MINOR_AGE = 18;

/** 随迁子女: a non-local minor in the same household as a non-local holder of a local residence permit. */
function isChildOfPermitHolder(person: PersonFacts, household: readonly PersonFacts[], paidOn: CivilDate): boolean {
  if (ageOn(person.birthDate, paidOn) >= MINOR_AGE) return false;
  return household.some((m) => m !== person && m.hukou === 'nonlocal' && m.residencePermit && ageOn(m.birthDate, paidOn) >= MINOR_AGE);
}

export function checkScope(policy: Policy, person: PersonFacts, household: readonly PersonFacts[], paidOn: CivilDate): ScopeVerdict {
  if (person.paid) {
    return {
      outcome: 'enrolled',
      reason: `已缴纳${policy.coverageYear}年度居民医保，无需重复缴费。`,
      citations: [policy.coverage.start.cite],
    };
  }
  if (person.employeeInsured) {
    return {
      outcome: 'ineligible',
      reason: '已参加职工基本医疗保险，不重复参加城乡居民医保。',
      citations: [policy.scope.employeeInsured],
    };
  }

  if (person.military || person.prisoner) {
    const who = person.military ? '现役军人' : '服刑人员';
    const rule = policy.scope.servingMilitaryOrPrison;
    if (rule.kind === 'counter') return counter(policy, `本通知未规定${who}参保`, rule.cite);
    if (!person.leavesOn || person.leavesOn > policy.coverage.end.value) {
      return {
        outcome: 'ineligible',
        reason: `${who}原则上不参保；${policy.coverageYear}年内${person.military ? '复员' : '刑满释放'}的可以参保。`,
        citations: [rule.otherwise],
      };
    }
  }

  if (person.idKind === 'hmt_permit') return byOutcome(policy, policy.scope.hmtPermit, '持港澳台居民居住证的人员');
  if (person.idKind === 'foreigner_permanent') return byOutcome(policy, policy.scope.foreignerPermanent, '持外国人永久居留身份证的人员');

  // A student enrols through the school whatever the hukou (tengzhou §二(四) names non-local students).
  if (person.hukou === 'nonlocal' && !person.residencePermit && !person.school) {
    const nonlocal = policy.scope.nonlocal;
    if (nonlocal.childrenOfPermitHolders && isChildOfPermitHolder(person, household, paidOn)) return null;
    return byOutcome(policy, nonlocal.withoutPermit, '未取得本地居住证的非本地户籍人员');
  }
  return null;
}

/** Where a non-local resident's right to join comes from, for the citation list. */
export function scopeCitations(policy: Policy, person: PersonFacts): string[] {
  if (person.idKind === 'hmt_permit') return [policy.scope.hmtPermit.cite];
  if (person.idKind === 'foreigner_permanent') return [policy.scope.foreignerPermanent.cite];
  if (person.hukou === 'nonlocal') return [person.residencePermit ? policy.scope.nonlocal.withPermit : (policy.scope.nonlocal.childrenOfPermitHolders ?? policy.scope.nonlocal.withoutPermit.cite)];
  if ((person.military || person.prisoner) && person.leavesOn && policy.scope.servingMilitaryOrPrison.kind === 'join_if_leaving_by_coverage_end') {
    return [policy.scope.servingMilitaryOrPrison.cite];
  }
  return [];
}

export function leavingNote(person: PersonFacts): string {
  if (!person.leavesOn) return '';
  return `${chineseDate(person.leavesOn)}${person.military ? '复员' : '刑满释放'}，可以参保`;
}
