/**
 * Newborn claims: a child registered online by two households. newborn.ts registers the second as
 * a claim, so neither family learns of the other and neither is blocked. The region's operators see
 * each open claim and decide with the birth certificate which household the child belongs to; the
 * other registration is voided — refunded whatever was paid for it, then taken off the roster.
 */
import { maskName, readIdNumber } from '../id-number';
import type { PersonRecord } from '../ports';
import { allPolicies } from '../../policies/registry';
import type { Deps } from './deps';
import { refundVoidedRegistration } from './refunds';
import { endOpenOrder } from './settlement';
import { fail, ok, type Caller, type Result } from './result';

export interface NewbornClaim {
  at: number;
  /** The second registration, waiting for the decision. */
  claimantId: string;
  name: string;
  householdId: string;
  /** Where the number was registered first. */
  registeredIn: string;
}

/** How far back open claims are listed, and how many at most. */
const CLAIMS = { windowMs: 90 * 24 * 60 * 60 * 1000, limit: 100 };

/** The region's claims still waiting for an operator, newest first. */
export async function openNewbornClaims(deps: Deps, region: string): Promise<NewbornClaim[]> {
  const entries = await deps.storage.auditEntries('newbornConflict', deps.clock.now() - CLAIMS.windowMs, CLAIMS.limit);
  const claimed = entries.flatMap((e) => {
    const m = /^conflict with (\S+) claim (\S+)$/.exec(e.outcome);
    return m ? [{ at: e.at, registeredIn: m[1]!, claimantId: m[2]! }] : [];
  });
  const persons = new Map((await deps.storage.personsById(claimed.map((c) => c.claimantId))).map((p) => [p.personId, p]));
  const open = claimed.filter((c) => persons.get(c.claimantId)?.claimOf);
  const households = await Promise.all(open.map((c) => deps.storage.household(persons.get(c.claimantId)!.householdId)));
  return open.flatMap((c, i) => {
    const p = persons.get(c.claimantId)!;
    return households[i]?.region === region ? [{ ...c, name: maskName(p.name), householdId: p.householdId }] : [];
  });
}

/** Who holds the claimed number now (the first registration, unless an earlier decision moved it). */
async function holderOf(deps: Deps, number: string): Promise<PersonRecord | null> {
  return readIdNumber(number).ok ? deps.storage.findPersonByIdNumber(number) : deps.storage.findPersonByBirthCertificate(number);
}

export interface ClaimDecision {
  keptIn: string;
  voidedIn: string;
  /** Refunds sent for the voided registration's payments. */
  refunds: number;
}

/**
 * Operators: the child belongs to the claimant's household (`keep: 'claimant'`: it takes the number)
 * or to the one that registered it first (`'registered'`). Safe to repeat after a failure part-way:
 * refunds already made are not made again.
 */
export async function resolveNewbornClaim(deps: Deps, caller: Caller, input: { claimantId: string; keep: 'claimant' | 'registered' }): Promise<Result<ClaimDecision>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以核定新生儿登记');
  const [claimant] = await deps.storage.personsById([input.claimantId]);
  if (!claimant?.claimOf || !claimant.claimedNumber) return fail('CLAIM_NOT_FOUND', '没有这条待核定的新生儿登记（可能已经处理）');
  const number = claimant.claimedNumber;
  const holder = await holderOf(deps, number);
  const household = (await deps.storage.household(claimant.householdId))!;
  const years = allPolicies().filter((p) => p.region.code === household.region).map((p) => p.id);
  const voided = input.keep === 'claimant' ? holder : claimant;
  if (voided) {
    // An order still open for the voided child could be paid later: ended first (paid ones are then refunded below).
    const open = (await deps.storage.unsettledOrders(deps.clock.now() + 1)).filter((o) => o.items.some((i) => i.personId === voided.personId));
    for (const order of open) await endOpenOrder(deps, order);
  }
  const refunds = voided ? await refundVoidedRegistration(deps, caller, voided.personId, years) : [];
  if (voided) await deps.storage.removePerson(voided.personId);
  if (input.keep === 'claimant') {
    const isId = readIdNumber(number).ok;
    const { claimOf: _of, claimedNumber: _number, ...person } = claimant;
    await deps.storage.upsertPersons([{ ...person, idNumber: isId ? number : null, birthCertificateNo: isId ? null : number }]);
  }
  const decision = { keptIn: input.keep === 'claimant' ? claimant.householdId : (holder?.householdId ?? ''), voidedIn: voided?.householdId ?? '', refunds: refunds.length };
  await deps.storage.audit({ at: deps.clock.now(), openid: caller.openid, action: 'resolveNewbornClaim', subject: claimant.personId, outcome: `kept in ${decision.keptIn}, voided in ${decision.voidedIn}, ${decision.refunds} refunds` });
  return ok(decision);
}
