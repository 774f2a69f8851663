/**
 * Progress of a coverage year's collection against the targets the notice sets per township or
 * village (tengzhou 附件, qixian 附件2), for operators only. Units on the roster that the notice
 * does not list are shown without a target rather than dropped.
 */
import { findPolicy } from '../../policies/registry';
import type { UnitCountChange } from '../ports';
import type { Deps } from './deps';
import { openNewbornClaims, type NewbornClaim } from './newborn-claims';
import { fail, ok, type Caller, type Result } from './result';

export interface UnitProgress {
  unit: string;
  target: number | null;
  /** Persons on the roster there now (null: the unit is not on the roster). */
  roster: number | null;
  enrolled: number;
  /** Per mille of the target, in whole numbers (display divides by 10). */
  permille: number | null;
}

export interface Progress {
  policyId: string;
  region: string;
  coverageYear: number;
  unitLabel: string;
  targetCite: string | null;
  total: UnitProgress;
  units: UnitProgress[];
  vouchers: { activated: number; enrolled: number; targetPercent: number | null; cite: string | null };
  /** Newborns registered by two households, waiting for an operator's decision (newborn-claims.ts). */
  newbornConflicts: NewbornClaim[];
}

const permille = (enrolled: number, target: number | null) => (target ? Math.floor((enrolled * 1000) / target) : null);

export async function progress(deps: Deps, caller: Caller, input: { policyId: string }): Promise<Result<Progress>> {
  // The way in for staff not yet registered: their own code, which the bureau's administrator adds
  // to the operators (README: Deploying to CloudBase, the operators collection).
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', `只有医保经办人员可以查看征缴进度。需要开通的经办人员，请把申请码 ${caller.openid} 发给县医保局的管理员`);
  const policy = findPolicy(input.policyId);
  if (!policy) return fail('UNKNOWN_POLICY', `没有“${input.policyId}”这个参保年度`);
  const [unitCounts, rosterCounts, conflicts] = await Promise.all([deps.storage.unitCounts(policy.id), deps.storage.rosterCounts(policy.region.code), openNewbornClaims(deps, policy.region.code)]);
  const counts = new Map(unitCounts.map((c) => [c.unit, c]));
  const rosters = new Map(rosterCounts.map((r) => [r.unit, r.persons]));
  const targets = policy.targets?.items ?? [];
  // The notice's units first, then any unit with payments or on the roster it does not list.
  const names = [...new Set([...targets.map((t) => t.name), ...counts.keys(), ...rosters.keys()])];
  const units: UnitProgress[] = names.map((unit) => {
    const target = targets.find((t) => t.name === unit)?.persons ?? null;
    const enrolled = counts.get(unit)?.enrolled ?? 0;
    return { unit, target, roster: rosters.get(unit) ?? null, enrolled, permille: permille(enrolled, target) };
  });
  const enrolled = [...counts.values()].reduce((sum, c) => sum + c.enrolled, 0);
  const target = policy.targets?.total ?? null;
  const roster = rosterCounts.reduce((sum, r) => sum + r.persons, 0);
  return ok({
    policyId: policy.id,
    region: policy.region.name,
    coverageYear: policy.coverageYear,
    unitLabel: policy.targets?.unit ?? '单位',
    targetCite: policy.targets?.cite ?? null,
    total: { unit: '合计', target, roster, enrolled, permille: permille(enrolled, target) },
    units,
    vouchers: {
      activated: [...counts.values()].reduce((sum, c) => sum + c.vouchersActivated, 0),
      enrolled,
      targetPercent: policy.voucherActivationTarget?.percent ?? null,
      cite: policy.voucherActivationTarget?.cite ?? null,
    },
    newbornConflicts: conflicts,
  });
}

/**
 * Progress counters change after the enrolments commit, as atomic increments outside the
 * transaction: every settlement of a village touches the same counter, and inside transactions
 * concurrent settlements would conflict on it and retry (reconcile's 8 at a time failed 38 of 500
 * that way). A crash between the two leaves the count one short; the enrolment itself is never at
 * stake for a counter.
 */
export async function countProgress(deps: Deps, changes: UnitCountChange[]): Promise<void> {
  if (changes.length > 0) await deps.storage.addToUnitCounts(changes);
}
