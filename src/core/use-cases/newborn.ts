/**
 * Registering a newborn (新生儿参保登记) into its household, inside its window, by an adult member
 * of the household (the guardian). Its ID number may not exist yet: the birth-certificate number
 * (出生医学证明编号) stands in until it does. Registering the same child again returns the same member.
 */
import { ageOn, chineseDate, shanghaiDateOf } from '../civil-date';
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
}

export interface RegisteredNewborn {
  member: MemberView;
  window: NewbornWindow;
  alreadyRegistered: boolean;
}

const ADULT = 18;

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

  return deps.storage.transaction(async (tx) => {
    if (!(await tx.hasAccess(caller.openid, input.householdId))) return fail('NO_ACCESS', '请先用本户成员的姓名和证件号码查询');
    const household = (await tx.household(input.householdId))!;
    const policy = policyOnSale(household.region, today);
    if (!policy) return fail('NOT_ON_SALE', '本地区当前不在居民医保缴费期内');
    const window = newbornWindow(policy, input.birthDate);
    const regionName = allPolicies().find((p) => p.region.code === household.region)?.region.name ?? '';
    if (!window) return fail('NOT_ONLINE', `${regionName}的征缴通知未规定新生儿在线参保，请携出生医学证明到${policy.counterOffice}办理`);
    if (!isNewborn(policy, input.birthDate, today)) {
      return fail('WINDOW_CLOSED', `新生儿参保期限已于${chineseDate(window.lastDay)}结束（${window.span}），请到${policy.counterOffice}按普通居民参保`);
    }

    const members = await tx.householdMembers(input.householdId);
    const guardian = members.find((m) => m.personId === input.guardianMemberId);
    if (!guardian) return fail('NOT_A_MEMBER', '监护人须是本户成员');
    if (ageOn(guardian.birthDate, today) < ADULT) return fail('GUARDIAN_MINOR', '监护人须年满18周岁');

    const existing = idNumber ? await tx.findPersonByIdNumber(idNumber) : await tx.findPersonByBirthCertificate(input.birthCertificateNo!);
    if (existing) {
      if (existing.householdId !== input.householdId) return fail('REGISTERED_ELSEWHERE', '该新生儿已登记在其他户，如需变更请到医保窗口办理');
      return ok({ member: memberView(existing), window, alreadyRegistered: true });
    }

    const newborn: PersonRecord = {
      personId: deps.newId('P'),
      householdId: input.householdId,
      idNumber: idNumber ?? null,
      birthCertificateNo: input.birthCertificateNo ?? null,
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
    };
    await tx.upsertPersons([newborn]);
    await tx.audit({ at, openid: caller.openid, action: 'registerNewborn', subject: input.householdId, outcome: `born ${input.birthDate}` });
    return ok({ member: memberView(newborn), window, alreadyRegistered: false });
  });
}
