/**
 * A county publishes its own coverage year: an operator submits the year as data (a draft), a
 * second operator who did not draft it approves it once it checks clean, and publishing puts it on
 * sale from the day it names — without a deployment. A published version never changes; a
 * correction is a new version of the same year that supersedes it from its own first sale date.
 * Every step is in the audit log.
 *
 * Version numbers: the data files in src/policies/data are version 1 of their years; stored
 * versions count on from there.
 */
import { checkDraft, draftFrom, type DraftCheck } from '../../policies/draft';
import type { PolicyInput } from '../../policies/schema';
import { nextYearFacts, Preview, type PersonChange, type PreviewReport } from '../../policies/preview';
import { allPolicies, findPolicy, installPublished, policySource } from '../../policies/registry';
import { personFacts } from './household';
import type { OperatorRole, PolicyVersionRecord } from '../ports';
import type { Deps } from './deps';
import { fail, ok, type Caller, type Failure, type Result } from './result';
import { chineseDate, isCivilDate, shanghaiDateOf, type CivilDate } from '../civil-date';

export interface PolicyVersionView extends Omit<PolicyVersionRecord, 'data'> {
  /** What still keeps it from approval (empty lists once it checks clean). */
  missing: string[];
  staleCites: string[];
  invalid: string[];
}

const view = (v: PolicyVersionRecord, check: DraftCheck = checkDraft(v.data)): PolicyVersionView => {
  const { data, ...rest } = v;
  void data;
  return { ...rest, missing: check.missing, staleCites: check.staleCites, invalid: check.invalid };
};

const NOT_OPERATOR = fail('FORBIDDEN', '仅限医保经办人员使用');

/**
 * Whether the caller may act on a region's years: any operator looks and previews; drafting needs
 * the region's `drafter` role, approving and publishing its `approver` role ("*": every region).
 */
async function refusal(deps: Deps, caller: Caller, policyId: string, role: OperatorRole | null): Promise<Failure | null> {
  const roles = await deps.storage.operatorRoles(caller.openid);
  if (!roles) return NOT_OPERATOR;
  if (!role) return null;
  const region = policyId.split('-')[0]!;
  if ((roles[region] ?? []).includes(role) || (roles['*'] ?? []).includes(role)) return null;
  return fail('NO_ROLE', role === 'drafter' ? `您没有起草地区 ${region} 参保年度政策的权限` : `您没有审批、发布地区 ${region} 参保年度政策的权限`);
}

export async function listPolicyVersions(deps: Deps, caller: Caller): Promise<Result<PolicyVersionView[]>> {
  if (!(await deps.storage.isOperator(caller.openid))) return NOT_OPERATOR;
  return ok((await deps.storage.policyVersions()).map((v) => view(v)));
}

/**
 * The start of a new year's draft: the region's latest earlier year with a published standard, as
 * it is in force (its latest published correction, or its data file), with what every notice
 * states anew emptied (src/policies/draft.ts). A region whose last years are pending starts from
 * the last year it priced.
 */
export async function policyTemplate(deps: Deps, caller: Caller, input: { region: string; year: number }): Promise<Result<Record<string, unknown>>> {
  if (!(await deps.storage.isOperator(caller.openid))) return NOT_OPERATOR;
  const stored = await deps.storage.policyVersions();
  for (let year = input.year - 1; year >= input.year - 10; year--) {
    const id = `${input.region}-${year}`;
    const published = stored.filter((v) => v.policyId === id && v.status === 'published').at(-1);
    const from = (published?.data as PolicyInput | undefined) ?? policySource(id);
    if (from) return ok(draftFrom(from, input.year));
  }
  return fail('NOT_FOUND', `地区 ${input.region} 近十年没有已发布的年度可作为底稿`);
}

/** Stores `data` as the next version of its year, as a draft (it may still have gaps: they are listed). */
export async function draftPolicyVersion(deps: Deps, caller: Caller, input: { data: Record<string, unknown>; reason: string }): Promise<Result<PolicyVersionView>> {
  const policyId = typeof input.data.id === 'string' ? input.data.id : '';
  if (!/^[a-z]+-\d{4}$/.test(policyId)) return (await refusal(deps, caller, '', null)) ?? fail('INVALID_REQUEST', '草稿缺少年度编号 id（如 demo-2028）');
  const refused = await refusal(deps, caller, policyId, 'drafter');
  if (refused) return refused;
  const stored = (await deps.storage.policyVersions()).filter((v) => v.policyId === policyId);
  const version = Math.max(policySource(policyId) ? 1 : 0, ...stored.map((v) => v.version)) + 1;
  const at = deps.clock.now();
  const record: PolicyVersionRecord = { policyId, version, status: 'draft', data: input.data, reason: input.reason, draftedBy: caller.openid, draftedAt: at, approvedBy: null, approvedAt: null, publishedAt: null, saleFrom: null };
  const taken = await deps.storage.transaction(async (tx) => {
    // Two drafts of one year at once: the second finds the number taken and is asked to resubmit.
    if (await tx.policyVersion(policyId, version)) return true;
    await tx.putPolicyVersion(record);
    await tx.audit({ at, openid: caller.openid, action: 'policyDraft', subject: `${policyId}#${version}`, outcome: input.reason });
    return false;
  });
  if (taken) return fail('CONFLICT', '同一年度刚有另一份草稿提交，请刷新后重新提交');
  return ok(view(record));
}

/** A second operator approves a draft that checks clean; the drafter cannot approve their own. */
export async function approvePolicyVersion(deps: Deps, caller: Caller, input: { policyId: string; version: number }): Promise<Result<PolicyVersionView>> {
  const refused = await refusal(deps, caller, input.policyId, 'approver');
  if (refused) return refused;
  const at = deps.clock.now();
  return deps.storage.transaction(async (tx) => {
    const v = await tx.policyVersion(input.policyId, input.version);
    if (!v) return fail('NOT_FOUND', `没有 ${input.policyId} 第 ${input.version} 版`);
    if (v.status !== 'draft') return fail('WRONG_STATE', `该版本已${STATUS_WORDS[v.status]}，不能再审批`);
    if (v.draftedBy === caller.openid) return fail('SAME_PERSON', '起草人不能审批自己的草稿，请由另一位经办人员审批');
    const check = checkDraft(v.data);
    if (!check.policy) return fail('NOT_READY', `草稿还不能审批：${[...check.missing, ...check.staleCites, ...check.invalid].slice(0, 5).join('；')}`);
    const approved: PolicyVersionRecord = { ...v, status: 'approved', approvedBy: caller.openid, approvedAt: at };
    await tx.putPolicyVersion(approved);
    await tx.audit({ at, openid: caller.openid, action: 'policyApprove', subject: `${v.policyId}#${v.version}`, outcome: `drafted by another operator` });
    return ok(view(approved, check));
  });
}

/**
 * Puts an approved version on sale from the first sale date it names (today if it names none):
 * the version it corrects (if any) is superseded, and stays in force until that day.
 */
export async function publishPolicyVersion(deps: Deps, caller: Caller, input: { policyId: string; version: number; saleFrom?: CivilDate }): Promise<Result<PolicyVersionView>> {
  const refused = await refusal(deps, caller, input.policyId, 'approver');
  if (refused) return refused;
  const at = deps.clock.now();
  const today = shanghaiDateOf(at);
  const saleFrom = input.saleFrom ?? today;
  if (!isCivilDate(saleFrom)) return fail('INVALID_SALE_DATE', `没有 ${saleFrom} 这一天，请核对开始销售日期`);
  if (saleFrom < today) return fail('INVALID_SALE_DATE', `开始销售日期不能早于今天（${chineseDate(today)}）`);
  const earlier = (await deps.storage.policyVersions()).filter((v) => v.policyId === input.policyId && v.status === 'published' && v.version < input.version);
  const result = await deps.storage.transaction(async (tx) => {
    const v = await tx.policyVersion(input.policyId, input.version);
    if (!v) return fail('NOT_FOUND', `没有 ${input.policyId} 第 ${input.version} 版`);
    if (v.status !== 'approved') return fail('WRONG_STATE', v.status === 'draft' ? '该版本尚未经另一位经办人员审批' : `该版本已${STATUS_WORDS[v.status]}`);
    const policy = checkDraft(v.data).policy;
    if (!policy) return fail('NOT_READY', '该版本未通过检查');
    if (saleFrom > policy.coverage.end.value) return fail('INVALID_SALE_DATE', `开始销售日期不能晚于待遇期结束（${chineseDate(policy.coverage.end.value)}）`);
    const published: PolicyVersionRecord = { ...v, status: 'published', publishedAt: at, saleFrom };
    await tx.putPolicyVersion(published);
    for (const e of earlier) await tx.putPolicyVersion({ ...e, status: 'superseded' });
    const supersedes = earlier.length > 0 ? `supersedes ${earlier.map((e) => e.version).join(',')}` : 'first version';
    await tx.audit({ at, openid: caller.openid, action: 'policyPublish', subject: `${v.policyId}#${v.version}`, outcome: `${supersedes}, on sale from ${saleFrom}` });
    return ok({ view: view(published), policy });
  });
  if (!result.ok) return result;
  if (saleFrom <= today) installPublished([{ policy: result.data.policy, version: input.version }]);
  return ok(result.data.view);
}

/**
 * The stored versions to put on sale on `today`: every published version whose first sale date has
 * come, and a superseded one too while its correction's date has not (the registry keeps the
 * highest version of each year it is given).
 */
export function versionsOnSale<T extends Pick<PolicyVersionRecord, 'status' | 'saleFrom'>>(stored: T[], today: CivilDate): T[] {
  return stored.filter((v) => (v.status === 'published' || v.status === 'superseded') && (v.saleFrom ?? '') <= today);
}

/**
 * Households one preview call quotes: a window that stays well inside a cloud function's 10 s on
 * CloudBase (a few bulk reads); the staff page asks for the next window until the roster ends and
 * adds them up (the CLI previews a whole county in one run: npm run policy -- preview).
 */
const PREVIEW_WINDOW = 500;

export interface PreviewWindow extends PreviewReport {
  /** The year in force it is compared with. */
  current: string;
  /** The last household of this window, where the next one starts; null once the roster ends. */
  next: string | null;
  /** Every changed person of this window (names masked), for the CSV the staff page exports. */
  changes: PersonChange[];
}

/**
 * Before anyone approves: the version run over the region's roster, a window of households at a
 * time (after `after`), against the year in force — the same version (a correction) or the
 * region's latest earlier year — each person on the first day of each year's collection period.
 */
export async function previewPolicyVersion(
  deps: Deps,
  caller: Caller,
  input: { policyId: string; version: number; after?: string },
  window = PREVIEW_WINDOW,
): Promise<Result<PreviewWindow>> {
  if (!(await deps.storage.isOperator(caller.openid))) return NOT_OPERATOR;
  const stored = (await deps.storage.policyVersions()).find((v) => v.policyId === input.policyId && v.version === input.version);
  if (!stored) return fail('NOT_FOUND', `没有 ${input.policyId} 第 ${input.version} 版`);
  const draft = checkDraft(stored.data).policy;
  if (!draft) return fail('NOT_READY', '该版本还有未填写或不符合要求的内容，补全后才能预览');
  const current =
    findPolicy(draft.id) ??
    allPolicies()
      .filter((p) => p.region.code === draft.region.code && p.coverageYear < draft.coverageYear)
      .sort((a, b) => b.coverageYear - a.coverageYear)[0];
  if (!current) return fail('NOT_FOUND', '本地区没有可对照的已发布年度');
  const read = await deps.storage.rosterPage(draft.region.code, { after: input.after }, window + 1);
  const page = read.slice(0, window);
  const identities = await deps.storage.identitiesOf(page.flatMap((h) => h.members.map((m) => m.idNumber)).filter((n): n is string => n !== null));
  const preview = new Preview(current, draft);
  const nextYear = draft.coverageYear > current.coverageYear;
  const changes: PersonChange[] = [];
  for (const { household, members } of page) {
    const factsOn = (day: string) => members.filter((m) => m.birthDate <= day).map((m) => personFacts(m, identities, new Map(), false));
    const before = factsOn(current.collection.opens.value);
    const after = factsOn(draft.collection.opens.value);
    changes.push(...(preview.add(household.householdId, before, nextYear ? nextYearFacts(after, current) : after) ?? []));
  }
  return ok({ ...preview.result(), changes, current: current.id, next: read.length > window ? page[page.length - 1]!.household.householdId : null });
}

const STATUS_WORDS: Record<PolicyVersionRecord['status'], string> = { draft: '是草稿', approved: '审批', published: '发布', superseded: '被更正版本取代' };
