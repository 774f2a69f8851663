/**
 * Every region-year policy, validated with zod when this module loads: a malformed data file
 * fails at start-up with the path of the bad value, never in the middle of a quote.
 */
import type { CivilDate } from '../core/civil-date';
import { policySchema, type Policy, type PolicyInput } from './schema';
import demo2026 from './data/demo-2026';
import demo2027 from './data/demo-2027';
import dingtao2024 from './data/dingtao-2024';
import huining2021 from './data/huining-2021';
import qixian2022 from './data/qixian-2022';
import tengzhou2021 from './data/tengzhou-2021';
import zhaoqing2021 from './data/zhaoqing-2021';
import pendingSources from './data/seed-regions-2025-2027';
import { pendingYearSchema, type PendingYear } from './pending';

const SOURCES: PolicyInput[] = [tengzhou2021, qixian2022, huining2021, zhaoqing2021, dingtao2024, demo2026, demo2027];

export function loadPolicy(source: PolicyInput): Policy {
  const parsed = policySchema.safeParse(source);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`policy ${String((source as { id?: unknown }).id)} is invalid: ${where}`);
  }
  return parsed.data;
}

const POLICIES = new Map<string, Policy>(SOURCES.map((s) => [s.id, loadPolicy(s)]));

const PENDING = new Map<string, PendingYear>(
  pendingSources.map((s) => {
    const parsed = pendingYearSchema.parse(s);
    if (POLICIES.has(parsed.id)) throw new Error(`policy ${parsed.id} is both published and pending`);
    return [parsed.id, parsed];
  }),
);

/** A coverage year whose local notice is not known: quoted as "标准待公布", never priced. */
export function findPendingYear(id: string): PendingYear | undefined {
  return PENDING.get(id);
}

/**
 * The region's pending year a resident would be asking about on a day: from September the next
 * year (collection periods have opened in September or later in every notice seen), else this one.
 */
export function pendingYearOn(regionCode: string, on: CivilDate): PendingYear | undefined {
  const year = Number(on.slice(0, 4));
  const asked = Number(on.slice(5, 7)) >= 9 ? year + 1 : year;
  return PENDING.get(`${regionCode}-${asked}`) ?? PENDING.get(`${regionCode}-${asked === year ? year + 1 : year}`);
}

/** A policy as its data file writes it (amounts as "400.00"): what a new year's draft starts from. */
export function policySource(id: string): PolicyInput | undefined {
  return SOURCES.find((s) => s.id === id);
}

/** Each year's version in force: 1 for the data files; a published stored version replaces it. */
const VERSIONS = new Map<string, number>(SOURCES.map((s) => [s.id, 1]));

/**
 * Puts published versions on sale in this process (the data files stay the first versions): the
 * latest published version of each year replaces what was there. Called when a version is
 * published here, and when another instance's publications are read (src/server/published.ts).
 */
export function installPublished(published: ReadonlyArray<{ policy: Policy; version: number }>): void {
  for (const { policy, version } of published) {
    if ((VERSIONS.get(policy.id) ?? 0) > version) continue;
    POLICIES.set(policy.id, policy);
    VERSIONS.set(policy.id, version);
    PENDING.delete(policy.id);
  }
}

/** The version of a year now in force (the one an order made now is priced with). */
export function policyVersionOf(id: string): number | undefined {
  return VERSIONS.get(id);
}

export function findPolicy(id: string): Policy | undefined {
  return POLICIES.get(id);
}

export function allPolicies(): Policy[] {
  return [...POLICIES.values()];
}

/**
 * The policy on sale in a region on a day: from the collection period's first day to the end
 * of its coverage year. Where two years overlap (next year's period opens before this year
 * ends), the newer year is on sale, since this year's late entries are counter business.
 */
export function policyOnSale(regionCode: string, on: CivilDate): Policy | undefined {
  let found: Policy | undefined;
  for (const p of POLICIES.values()) {
    if (p.region.code !== regionCode || on < p.collection.opens.value || on > p.coverage.end.value) continue;
    if (!found || p.coverageYear > found.coverageYear) found = p;
  }
  return found;
}
