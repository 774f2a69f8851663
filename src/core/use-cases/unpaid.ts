/**
 * Who in a township or village has still to pay this coverage year, for the operators and village
 * cadres who go door to door: each household of the unit quoted as its residents are quoted (so
 * members who need not pay — employee insurance, school, already enrolled — are left out), names
 * masked. Members only the counter can handle are listed apart, with the reason.
 */
import { formatYuan } from '../money';
import { maskName } from '../id-number';
import { policyOnSale } from '../../policies/registry';
import { shanghaiDateOf } from '../civil-date';
import { quoteStored } from './household';
import type { Deps } from './deps';
import { fail, ok, type Caller, type Result } from './result';

export interface UnpaidMember {
  householdId: string;
  name: string;
  birthYear: number;
  /** Yuan, for members who may pay online; null for those sent to the counter. */
  due: string | null;
  reason: string;
  /** Set on a newborn's line for its birth year (the year before the one on sale). */
  coverageYear?: number;
}

export interface UnpaidList {
  policyId: string;
  unit: string;
  /** Households and persons of the unit on the roster (of those read). */
  households: number;
  persons: number;
  unpaid: UnpaidMember[];
  atCounter: UnpaidMember[];
  /** The unit has more than UNIT_HOUSEHOLDS households: only the first were read. */
  truncated: boolean;
}

/** Households one list reads: a large village, not a whole county (the roster import is for that). */
const UNIT_HOUSEHOLDS = 3000;
/** Households quoted at once (each reads its identities and enrolments). */
const PARALLEL = 10;

export async function unpaidInUnit(deps: Deps, caller: Caller, input: { policyId: string; unit: string }): Promise<Result<UnpaidList>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以查看未缴名单');
  const region = input.policyId.split('-')[0]!;
  const policy = policyOnSale(region, shanghaiDateOf(deps.clock.now()));
  if (!policy || policy.id !== input.policyId) return fail('NOT_ON_SALE', `${input.policyId} 当前不在缴费期内，没有未缴名单`);
  const read = await deps.storage.rosterPage(region, { unit: input.unit }, UNIT_HOUSEHOLDS + 1);
  const households = read.slice(0, UNIT_HOUSEHOLDS);
  const list: UnpaidList = { policyId: policy.id, unit: input.unit, households: households.length, persons: 0, unpaid: [], atCounter: [], truncated: read.length > UNIT_HOUSEHOLDS };
  let next = 0;
  const lane = async () => {
    while (next < households.length) {
      const { household, members } = households[next++]!;
      list.persons += members.length;
      const quoted = await quoteStored(deps, deps.storage, household, members);
      if (!quoted.ok) continue;
      for (const q of quoted.data.quote.members) {
        const m = members.find((p) => p.personId === q.id)!;
        const row = { householdId: household.householdId, name: maskName(m.name), birthYear: Number(m.birthDate.slice(0, 4)), reason: q.reason };
        if (q.outcome === 'pay') list.unpaid.push({ ...row, due: formatYuan(q.due) });
        else if (q.outcome === 'counter') list.atCounter.push({ ...row, due: null });
      }
      // A newborn's birth year still unpaid while its window is open: cover from birth depends on it.
      const born = quoted.data.birthYear;
      for (const q of born?.members ?? []) {
        const m = members.find((p) => p.personId === q.id)!;
        list.unpaid.push({ householdId: household.householdId, name: maskName(m.name), birthYear: Number(m.birthDate.slice(0, 4)), reason: q.reason, due: formatYuan(q.due), coverageYear: born!.policy.coverageYear });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  const order = (a: UnpaidMember, b: UnpaidMember) => a.householdId.localeCompare(b.householdId) || a.birthYear - b.birthYear;
  list.unpaid.sort(order);
  list.atCounter.sort(order);
  return ok(list);
}
