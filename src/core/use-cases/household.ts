/**
 * Finding one's household and quoting it for today. A household is only shown to a caller who
 * proved they know a member (name and ID number both match); that proof is remembered per OPENID.
 */
import { chineseDate, shanghaiDateOf, type CivilDate } from '../civil-date';
import { maskIdNumber, maskName, readIdNumber } from '../id-number';
import type { HouseholdRecord, PersonRecord, StorageTx, IdentityRecord } from '../ports';
import { birthYearQuote } from '../rules/birth-year';
import { repairProblem } from '../rules/history';
import { quoteHousehold } from '../rules/quote';
import type { HouseholdQuote, PayQuote, PersonFacts } from '../rules/types';
import { pendingReason } from '../../policies/pending';
import { allPolicies, pendingYearOn, policyOnSale } from '../../policies/registry';
import type { Policy } from '../../policies/schema';
import type { Deps } from './deps';
import { fail, ok, type Caller, type Result } from './result';

/** Lookups allowed per caller per window: enough for a family, too few to enumerate a roster. */
export const LOOKUP_LIMIT = { calls: 10, windowMs: 10 * 60 * 1000 };
/**
 * Failed lookups one ID number takes before it is locked for the window, whoever asks: guessing
 * the name that goes with a known number stops here, whatever OPENIDs are used. A number not on
 * the roster locks the same way, so the lock tells nothing.
 */
export const ID_LOCK = { failures: 5, windowMs: 60 * 60 * 1000 };
/**
 * Failed lookups of IDs from one region (an ID's first six digits) and of everyone: limits that
 * do not rest on the caller's identity, so many OPENIDs guessing across many ID numbers are slowed
 * too. Honest failures (a typo) are a small share of a county's lookups; past these, lookups
 * answer "busy" for a while rather than let a roster be enumerated.
 */
export const REGION_LOOKUP_LIMIT = { failures: 1000, windowMs: 10 * 60 * 1000 };
export const OVERALL_LOOKUP_LIMIT = { failures: 3000, windowMs: 60 * 1000 };

export interface MemberView {
  memberId: string;
  name: string;
  idNumber: string;
  birthYear: number;
}

export interface HouseholdView {
  householdId: string;
  region: string;
  members: MemberView[];
}

/**
 * The identity document as shown: the masked ID number, or a newborn's masked birth-certificate
 * number — a registration waiting for an operator's decision shows its number the same way.
 */
export function maskedDocument(p: PersonRecord): string {
  const idNumber = p.idNumber ?? (p.claimedNumber && readIdNumber(p.claimedNumber).ok ? p.claimedNumber : null);
  if (idNumber) return maskIdNumber(idNumber);
  const certificate = p.birthCertificateNo ?? p.claimedNumber;
  return certificate ? `出生证 ${maskIdNumber(certificate)}` : '';
}

export function memberView(p: PersonRecord): MemberView {
  return { memberId: p.personId, name: maskName(p.name), idNumber: maskedDocument(p), birthYear: Number(p.birthDate.slice(0, 4)) };
}

export async function lookupHousehold(deps: Deps, caller: Caller, input: { name: string; idNumber: string }): Promise<Result<HouseholdView>> {
  const idNumber = input.idNumber.toUpperCase();
  if (!readIdNumber(idNumber).ok) return fail('INVALID_ID', '证件号码不正确，请核对后重新输入');
  const at = deps.clock.now();
  // No transaction: each write stands alone, and the local storage commits the grants and audit
  // lines of concurrent lookups together.
  const storage = deps.storage;
  // Asked together: on CloudBase each is a round trip.
  const [calls, failures, inRegion, overall, person] = await Promise.all([
    storage.countCall(caller.openid, 'lookup', at, at - LOOKUP_LIMIT.windowMs),
    storage.lookupFailures(idNumber, at - ID_LOCK.windowMs),
    storage.lookupFailuresIn({ region: idNumber.slice(0, 6) }, at - REGION_LOOKUP_LIMIT.windowMs),
    storage.lookupFailuresIn('all', at - OVERALL_LOOKUP_LIMIT.windowMs),
    storage.lookupPerson(idNumber),
  ]);
  const subject = maskIdNumber(idNumber);
  if (calls > LOOKUP_LIMIT.calls) {
    await storage.audit({ at, openid: caller.openid, action: 'lookup', subject, outcome: 'rate_limited' });
    return fail('RATE_LIMITED', '查询过于频繁，请10分钟后再试');
  }
  if (inRegion >= REGION_LOOKUP_LIMIT.failures || overall >= OVERALL_LOOKUP_LIMIT.failures) {
    await storage.audit({ at, openid: caller.openid, action: 'lookup', subject, outcome: inRegion >= REGION_LOOKUP_LIMIT.failures ? 'region_busy' : 'busy' });
    return fail('BUSY', '当前查询人数较多，请稍后再试；也可以携身份证到医保窗口办理');
  }
  if (failures >= ID_LOCK.failures) {
    await storage.audit({ at, openid: caller.openid, action: 'lookup', subject, outcome: 'id_locked' });
    return fail('ID_LOCKED', '这个证件号码查询不成功的次数过多，请1小时后再试，或携身份证到医保窗口查询');
  }
  if (!person || person.name !== input.name.trim()) {
    await Promise.all([storage.recordLookupFailure(idNumber, at), storage.audit({ at, openid: caller.openid, action: 'lookup', subject, outcome: 'not_found' })]);
    // One message for both cases, so a lookup cannot tell whether an ID number is on the roster.
    return fail('NOT_FOUND', '未找到与该姓名和证件号码相符的参保登记信息，请核对，或到户籍所在地医保窗口登记');
  }
  const [household, members] = await Promise.all([
    storage.household(person.householdId),
    storage.householdMembers(person.householdId),
    storage.grantAccess(caller.openid, person.householdId, person.personId, at),
    storage.audit({ at, openid: caller.openid, action: 'lookup', subject, outcome: 'found' }),
  ]);
  return ok({ householdId: household!.householdId, region: household!.region, members: members.map(memberView) });
}

/** Says when the region's next coverage year opens, or that its last one has ended. */
function notOnSaleMessage(region: string, today: CivilDate): string {
  const years = allPolicies().filter((p) => p.region.code === region);
  const next = years.filter((p) => p.collection.opens.value > today).sort((a, b) => a.collection.opens.value.localeCompare(b.collection.opens.value))[0];
  if (next) return `${next.region.name}${next.coverageYear}年度居民医保自${chineseDate(next.collection.opens.value)}起缴费，今天还不能缴费`;
  const pending = pendingYearOn(region, today);
  if (pending) return pendingReason(pending);
  return '本地区当前没有可缴费的参保年度，请关注当地医保部门的征缴通知';
}

export interface LoadedHousehold {
  household: HouseholdRecord;
  policy: Policy;
  today: CivilDate;
  members: PersonRecord[];
  quote: HouseholdQuote;
  /** Newborns' birth year, sold beside the year on sale to the children still inside their window. */
  birthYear: BirthYearOffer | null;
}

export interface BirthYearOffer {
  policy: Policy;
  members: PayQuote[];
}

/** The region's year before the one on sale, when a member was born in it (their birth year may be for sale). */
function birthYearPolicy(policy: Policy, members: readonly PersonRecord[]): Policy | undefined {
  const year = policy.coverageYear - 1;
  if (!members.some((m) => m.birthDate.startsWith(`${year}-`))) return undefined;
  return allPolicies().find((p) => p.region.code === policy.region.code && p.coverageYear === year);
}

/** Earlier region-years under the national layer whose enrolments in this product count as insured years. */
function earlierYears(policy: Policy): Policy[] {
  if (!policy.national) return [];
  return allPolicies().filter((p) => p.region.code === policy.region.code && p.coverageYear < policy.coverageYear && p.coverageYear >= policy.coverageYear - 5);
}

/**
 * The roster's history plus the years this product enrolled the person. Unknown history stays
 * unknown (read as continuous): a few years seen here would otherwise look like a break.
 */
function historyOf(member: PersonRecord, ownYears: ReadonlyMap<string, number[]>): number[] | undefined {
  if (!member.enrolledYears) return undefined;
  const own = ownYears.get(member.personId) ?? [];
  return own.length === 0 ? member.enrolledYears : [...new Set([...member.enrolledYears, ...own])].sort((a, b) => a - b);
}

/**
 * What the rules read of a roster member: the roster's own facts, the identities the departments
 * recognised, the history with this product's enrolments, and whether this year is paid.
 */
export function personFacts(m: PersonRecord, identities: readonly IdentityRecord[], ownYears: ReadonlyMap<string, number[]>, paid: boolean): PersonFacts {
  const own = identities.filter((i) => i.idNumber === m.idNumber);
  // recognizedOn is set only for 动态新增 entries of a department list: the latest one counts.
  const recognized = own.map((i) => i.recognizedOn).filter((d): d is string => d !== null).sort();
  const id = m.idNumber ? readIdNumber(m.idNumber) : null;
  const f: PersonFacts = {
    id: m.personId,
    name: m.name,
    idKind: id?.ok ? id.facts.kind : 'resident',
    birthDate: m.birthDate,
    identities: own.map((i) => i.identity),
    employeeInsured: m.employeeInsured,
    school: m.school,
    migrantWorker: m.migrantWorker,
    military: m.military,
    prisoner: m.prisoner,
    hukou: m.hukou,
    residencePermit: m.residencePermit,
    paid,
  };
  if (recognized.length > 0) f.newlyRecognizedOn = recognized[recognized.length - 1]!;
  if (m.employeeHistory) f.employeeHistory = m.employeeHistory;
  if (m.leavesOn) f.leavesOn = m.leavesOn;
  if (m.dischargedOn) f.dischargedOn = m.dischargedOn;
  const history = historyOf(m, ownYears);
  if (history) f.enrolledYears = history;
  if (m.claimFreeLastYear) f.claimFreeLastYear = true;
  return f;
}

/**
 * Reads a household the caller may see and quotes it for today's Shanghai date. `repairs`: the
 * missing years each member's payer back-pays now (修复), checked against that member's break.
 */
export async function loadAndQuote(deps: Deps, tx: StorageTx, caller: Caller, householdId: string, repairs: Readonly<Record<string, number[]>> = {}): Promise<Result<LoadedHousehold>> {
  // Read together, answered only if the caller may see them: on CloudBase each read is a round trip.
  const [access, household, members] = await Promise.all([tx.hasAccess(caller.openid, householdId), tx.household(householdId), tx.householdMembers(householdId)]);
  if (!access || !household) return fail('NO_ACCESS', '请先用本户成员的姓名和证件号码查询');
  return quoteStored(deps, tx, household, members, repairs);
}

/** Quotes a stored household for today's Shanghai date (the caller's right to see it is checked before). */
export async function quoteStored(deps: Deps, tx: StorageTx, household: HouseholdRecord, members: PersonRecord[], repairs: Readonly<Record<string, number[]>> = {}): Promise<Result<LoadedHousehold>> {
  const today = shanghaiDateOf(deps.clock.now());
  const policy = policyOnSale(household.region, today);
  if (!policy) return fail('NOT_ON_SALE', notOnSaleMessage(household.region, today));
  const personIds = members.map((m) => m.personId);
  const earlier = earlierYears(policy);
  const birthYear = birthYearPolicy(policy, members);
  const [identities, enrolments, bornEnrolments, ...past] = await Promise.all([
    tx.identitiesOf(members.map((m) => m.idNumber).filter((n): n is string => n !== null)),
    tx.enrolmentsOf(personIds, policy.id),
    // Read again only when the national layer's history did not read that year already.
    birthYear && !earlier.includes(birthYear) ? tx.enrolmentsOf(personIds, birthYear.id) : Promise.resolve(null),
    ...earlier.map((p) => tx.enrolmentsOf(personIds, p.id)),
  ]);
  const enrolled = new Set(enrolments.filter((e) => e.status !== 'refunded').map((e) => e.personId));
  const ownYears = new Map<string, number[]>();
  past.forEach((list, i) => {
    for (const e of list) if (e.status !== 'refunded') ownYears.set(e.personId, [...(ownYears.get(e.personId) ?? []), earlier[i]!.coverageYear]);
  });
  const facts: PersonFacts[] = members.map((m) => {
    const f = personFacts(m, identities, ownYears, enrolled.has(m.personId));
    const repair = repairs[m.personId];
    if (repair && repair.length > 0) f.repairYears = repair;
    return f;
  });
  for (const f of facts) {
    const problem = repairProblem(policy, f);
    if (problem) return fail('INVALID_REQUEST', `${maskName(f.name)}：${problem}`);
  }
  const quote = quoteHousehold(policy, facts, today);
  // policyOnSale chose a policy whose window contains today, so quoteHousehold always answers.
  if ('code' in quote) return fail(quote.code, quote.message);
  let offer: BirthYearOffer | null = null;
  if (birthYear) {
    const held = bornEnrolments ?? past[earlier.indexOf(birthYear)]!;
    const paid = new Set(held.filter((e) => e.status !== 'refunded').map((e) => e.personId));
    const asOfBirthYear = facts.map(({ repairYears: _, ...f }) => ({ ...f, paid: paid.has(f.id) }));
    const offered = asOfBirthYear.map((f) => birthYearQuote(birthYear, policy, f, asOfBirthYear, today)).filter((q): q is PayQuote => q !== null);
    if (offered.length > 0) offer = { policy: birthYear, members: offered };
  }
  return ok({ household, policy, today, members, quote, birthYear: offer });
}
