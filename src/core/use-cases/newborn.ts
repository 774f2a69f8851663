/**
 * Registering a newborn (新生儿参保登记) into its household, inside its window, as the counter
 * would: by an adult of the household who looked it up, naming as guardian the mother or father
 * printed on the birth certificate (name and ID number must match that member). Its ID number may
 * not exist yet: the birth-certificate number (出生医学证明编号) stands in until it does.
 * Registering the same child again returns the same member. A child whose number another household
 * holds is registered all the same, as a claim an operator decides with the birth certificate
 * (resolveNewbornClaim): the answer never tells whether a number was known, and a family is not
 * blocked by whoever registered its child first. A household at its size cap, or more newborns than
 * a family has in a year, go to the counter; callers are limited per day.
 */
import { counterText } from '../../policies/counter';
import { addDays, ageOn, chineseDate, shanghaiDateOf } from '../civil-date';
import { readIdNumber } from '../id-number';
import type { PersonRecord } from '../ports';
import { isNewborn, newbornWindow, type NewbornWindow } from '../rules/newborn';
import { allPolicies, policyOnSale } from '../../policies/registry';
import type { Deps } from './deps';
import { memberView, type MemberView } from './household';
import { fail, ok, type Caller, type Result } from './result';

export interface NewbornInput {
  householdId: string;
  name: string;
  birthDate: string;
  idNumber?: string | undefined;
  birthCertificateNo?: string | undefined;
  guardianMemberId: string;
  parentName: string;
  parentIdNumber: string;
}

export interface RegisteredNewborn {
  member: MemberView;
  window: NewbornWindow;
  alreadyRegistered: boolean;
}

const ADULT = 18;
/** No real household is larger; beyond it the counter registers. */
const HOUSEHOLD_CAP = 20;
/** Newborns one household may register online within a year (twins and triplets included). */
const NEWBORNS_PER_YEAR = 3;
/** Registrations one caller may make a day. */
export const NEWBORN_CALLS = { calls: 5, windowMs: 24 * 60 * 60 * 1000 };
/** One answer for every reason a child cannot be registered here that only the counter can sort out. */
const AT_COUNTER = (office: string) => `无法在线完成登记，请携出生医学证明和监护人身份证到${office}办理`;
export async function registerNewborn(deps: Deps, caller: Caller, input: NewbornInput): Promise<Result<RegisteredNewborn>> {
  const at = deps.clock.now();
  const today = shanghaiDateOf(at);
  if (input.birthDate > today) return fail('INVALID_BIRTH_DATE', '出生日期不能晚于今天');
  const idNumber = input.idNumber?.toUpperCase();
  if (idNumber) {
    const id = readIdNumber(idNumber);
    if (!id.ok) return fail('INVALID_ID', '证件号码不正确，请核对后重新输入');
    if (id.facts.birthDate !== input.birthDate) return fail('BIRTH_DATE_MISMATCH', '出生日期与证件号码中的出生日期不一致');
  }

  const calls = await deps.storage.countCall(caller.openid, 'registerNewborn', at, at - NEWBORN_CALLS.windowMs);
  const result: Result<RegisteredNewborn> =
    calls > NEWBORN_CALLS.calls ? fail('RATE_LIMITED', '今天的新生儿登记次数已达上限，请明天再试或到医保窗口办理') : await register(deps, caller, input, idNumber, at);
  // Every attempt is audited (the rate limit counts them), without the child's numbers.
  await deps.storage.audit({ at, openid: caller.openid, action: 'registerNewborn', subject: input.householdId, outcome: result.ok ? `born ${input.birthDate}` : result.error.code });
  return result;
}

async function register(deps: Deps, caller: Caller, input: NewbornInput, idNumber: string | undefined, at: number): Promise<Result<RegisteredNewborn>> {
  const today = shanghaiDateOf(at);
  return deps.storage.transaction(async (tx) => {
    const identified = await tx.identifiedMembers(caller.openid, input.householdId);
    if (identified.length === 0) return fail('NO_ACCESS', '请先用本户成员的姓名和证件号码查询');
    const household = (await tx.household(input.householdId))!;
    const policy = policyOnSale(household.region, today);
    if (!policy) return fail('NOT_ON_SALE', '本地区当前不在居民医保缴费期内');
    const window = newbornWindow(policy, input.birthDate);
    const regionName = allPolicies().find((p) => p.region.code === household.region)?.region.name ?? '';
    if (!window) return fail('NOT_ONLINE', `${regionName}的征缴通知未规定新生儿在线参保，请携出生医学证明到${counterText(policy)}办理`);
    if (!isNewborn(policy, input.birthDate, today)) {
      return fail('WINDOW_CLOSED', `新生儿参保期限已于${chineseDate(window.lastDay)}结束（${window.span}），请到${counterText(policy)}按普通居民参保`);
    }

    const members = await tx.householdMembers(input.householdId);
    // Registered by a parent: the caller proved they are an adult of this household.
    if (!members.some((m) => identified.includes(m.personId) && ageOn(m.birthDate, today) >= ADULT)) {
      return fail('NOT_ALLOWED', '新生儿须由本户成年成员（孩子的父母）用本人的姓名和证件号码查询后登记');
    }
    const guardian = members.find((m) => m.personId === input.guardianMemberId);
    if (!guardian) return fail('NOT_A_MEMBER', '监护人须是本户成员');
    if (ageOn(guardian.birthDate, today) < ADULT) return fail('GUARDIAN_MINOR', '监护人须年满18周岁');
    if (guardian.name !== input.parentName.trim() || guardian.idNumber !== input.parentIdNumber.trim().toUpperCase()) {
      return fail('PARENT_MISMATCH', '监护人的姓名和身份证号码须与出生医学证明上的母亲或父亲一致');
    }

    const number = idNumber ?? input.birthCertificateNo!;
    const existing = idNumber ? await tx.findPersonByIdNumber(idNumber) : await tx.findPersonByBirthCertificate(number);
    const again = existing?.householdId === input.householdId ? existing : members.find((m) => m.claimedNumber === number);
    if (again) return ok({ member: memberView(again), window, alreadyRegistered: true });
    const recent = members.filter((m) => m.guardianId !== null && m.birthDate > addDays(today, -366)).length;
    if (members.length >= HOUSEHOLD_CAP || recent >= NEWBORNS_PER_YEAR) return fail('AT_COUNTER', AT_COUNTER(counterText(policy)));

    // Held by another household's member: registered as a claim, the number kept aside until an
    // operator decides; the audit line puts it in the operators' queue.
    const document = existing
      ? { idNumber: null, birthCertificateNo: null, claimOf: existing.personId, claimedNumber: number }
      : { idNumber: idNumber ?? null, birthCertificateNo: input.birthCertificateNo ?? null };
    const newborn: PersonRecord = {
      personId: deps.newId('P'),
      householdId: input.householdId,
      ...document,
      guardianId: guardian.personId,
      name: input.name.trim(),
      birthDate: input.birthDate,
      // A newborn follows its guardian's hukou and residence permit.
      hukou: guardian.hukou,
      residencePermit: guardian.residencePermit,
      employeeInsured: false,
      employeeHistory: null,
      school: false,
      migrantWorker: false,
      military: false,
      prisoner: false,
      leavesOn: null,
      dischargedOn: null,
      // Born this year or last: no year of break to count (国办发〔2024〕38号 exempts newborns anyway).
      enrolledYears: [],
      claimFreeLastYear: false,
    };
    await tx.upsertPersons([newborn]);
    if (existing) await tx.audit({ at, openid: caller.openid, action: 'newbornConflict', subject: input.householdId, outcome: `conflict with ${existing.householdId} claim ${newborn.personId}` });
    return ok({ member: memberView(newborn), window, alreadyRegistered: false });
  });
}
