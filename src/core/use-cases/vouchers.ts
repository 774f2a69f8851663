/**
 * The 医保电子凭证 after payment. This product checks who may activate — an enrolled member, the
 * person themself, or an adult of the household for a minor — hands them to the official entry,
 * and records the result it is told (a signed notice, or the platform's answer when asked).
 */
import { ageOn, shanghaiDateOf, type CivilDate } from '../civil-date';
import type { PersonRecord, StorageTx, UnitCountChange, VoucherHandOff, VoucherRecord } from '../ports';
import { allPolicies, policyOnSale } from '../../policies/registry';
import type { Deps } from './deps';
import { countProgress } from './progress';
import { fail, ok, type Caller, type Result } from './result';

const ADULT = 18;

export interface VoucherView {
  memberId: string;
  status: 'not_requested' | VoucherRecord['status'];
  activatedAt: number | null;
  qrPayload: string | null;
}

/**
 * A voucher just activated counts toward the activation target (qixian §九) of the year on sale
 * in its household's region, in its household's unit. Decided in the transaction that changes the
 * status, so a notice and a status poll racing count it once; counted after it commits.
 */
async function activationCount(tx: StorageTx, personId: string, at: number): Promise<UnitCountChange[]> {
  const [person] = await tx.personsById([personId]);
  const household = person ? await tx.household(person.householdId) : null;
  const policy = household ? policyOnSale(household.region, shanghaiDateOf(at)) : undefined;
  return household && policy ? [{ policyId: policy.id, unit: household.unit, vouchersActivated: 1 }] : [];
}

/** The person themself, or for a minor an adult of the household, as the caller identified. */
function mayActFor(identified: string[], members: PersonRecord[], target: PersonRecord, today: CivilDate): boolean {
  if (identified.includes(target.personId)) return true;
  const minor = ageOn(target.birthDate, today) < ADULT;
  return minor && members.some((m) => identified.includes(m.personId) && ageOn(m.birthDate, today) >= ADULT);
}

export async function activateVoucher(deps: Deps, caller: Caller, input: { householdId: string; memberId: string }): Promise<Result<{ handOff: VoucherHandOff | null; voucher: VoucherView }>> {
  const at = deps.clock.now();
  const today = shanghaiDateOf(at);
  return deps.storage.transaction(async (tx) => {
    const identified = await tx.identifiedMembers(caller.openid, input.householdId);
    if (identified.length === 0) return fail('NO_ACCESS', '请先用本户成员的姓名和证件号码查询');
    const household = (await tx.household(input.householdId))!;
    const members = await tx.householdMembers(input.householdId);
    const target = members.find((m) => m.personId === input.memberId);
    if (!target) return fail('NOT_A_MEMBER', '所选人员不属于本户');

    const self = identified.includes(target.personId);
    if (!mayActFor(identified, members, target, today)) return fail('NOT_ALLOWED', '医保电子凭证只能由本人激活；未成年人可由本户成年家长代为激活。请用本人的姓名和证件号码查询后再试');

    // Enrolled in any year this region sells: the voucher follows enrolment, not a payment.
    const years = allPolicies().filter((p) => p.region.code === household.region).map((p) => p.id);
    const enrolled = (await Promise.all(years.map((y) => tx.enrolmentsOf([target.personId], y)))).flat().some((e) => e.status === 'enrolled');
    if (!enrolled) return fail('NOT_ENROLLED', '参保缴费成功后才能激活医保电子凭证');

    const existing = await tx.voucherOf(target.personId);
    if (existing?.status === 'activated') {
      const s = await deps.vouchers.status(existing.ticket);
      return ok({ handOff: null, voucher: { memberId: target.personId, status: 'activated', activatedAt: existing.activatedAt, qrPayload: s.qrPayload } });
    }
    const ticket = deps.newId('VT');
    await tx.upsertVoucher({ personId: target.personId, ticket, status: 'pending', requestedBy: caller.openid, byGuardian: !self, requestedAt: at, activatedAt: null });
    await tx.audit({ at, openid: caller.openid, action: 'activateVoucher', subject: target.personId, outcome: self ? 'self' : 'guardian' });
    return ok({ handOff: deps.vouchers.handOff(ticket, household.region), voucher: { memberId: target.personId, status: 'pending', activatedAt: null, qrPayload: null } });
  });
}

/** Records a result the official side reports. Idempotent: the same notice twice changes nothing. */
export async function recordVoucherResult(deps: Deps, headers: Record<string, string>, body: string): Promise<Result<VoucherView>> {
  const result = deps.vouchers.verifyResult(headers, body);
  if (!result) return fail('FORGED', '凭证激活结果验证失败');
  let counted: UnitCountChange[] = [];
  const recorded = await deps.storage.transaction(async (tx) => {
    counted = [];
    const voucher = await tx.voucherByTicket(result.ticket);
    if (!voucher) return fail('UNKNOWN_TICKET', '没有这次激活申请');
    if (voucher.status !== 'activated') {
      await tx.upsertVoucher({ ...voucher, status: result.status, activatedAt: result.status === 'activated' ? result.at : null });
      if (result.status === 'activated') counted = await activationCount(tx, voucher.personId, result.at);
    }
    return ok({ memberId: voucher.personId, status: voucher.status === 'activated' ? 'activated' : result.status, activatedAt: voucher.activatedAt ?? result.at, qrPayload: null });
  });
  await countProgress(deps, counted);
  return recorded;
}

/**
 * Each member's voucher status, for a caller who looked the household up; a pending one is checked
 * with the platform. The QR payload is the member's own medical-insurance code: only to the member,
 * or to an adult of the household for a minor, as activation.
 */
export async function voucherStatus(deps: Deps, caller: Caller, input: { householdId: string }): Promise<Result<VoucherView[]>> {
  const identified = await deps.storage.identifiedMembers(caller.openid, input.householdId);
  if (identified.length === 0) return fail('NO_ACCESS', '请先用本户成员的姓名和证件号码查询');
  const members = await deps.storage.householdMembers(input.householdId);
  const today = shanghaiDateOf(deps.clock.now());
  const views: VoucherView[] = [];
  for (const m of members) {
    const v = await deps.storage.voucherOf(m.personId);
    if (!v) {
      views.push({ memberId: m.personId, status: 'not_requested', activatedAt: null, qrPayload: null });
      continue;
    }
    const platform = await deps.vouchers.status(v.ticket);
    if (v.status === 'pending' && platform.status !== 'pending') {
      const counted = await deps.storage.transaction(async (tx) => {
        // Re-read inside the transaction: the signed notice may have recorded it meanwhile.
        const current = await tx.voucherOf(m.personId);
        if (current?.status !== 'pending') return [];
        await tx.upsertVoucher({ ...current, status: platform.status, activatedAt: platform.at });
        return platform.status === 'activated' ? activationCount(tx, m.personId, platform.at ?? deps.clock.now()) : [];
      });
      await countProgress(deps, counted);
    }
    const status = v.status === 'pending' ? platform.status : v.status;
    const own = status === 'activated' && mayActFor(identified, members, m, today);
    views.push({ memberId: m.personId, status, activatedAt: v.activatedAt ?? platform.at, qrPayload: own ? platform.qrPayload : null });
  }
  return ok(views);
}
