/**
 * Policy years published by operators, read from storage into this process's book of policies
 * (src/policies/registry.ts): at most every 30 s, so a year published through another function
 * instance is on sale here within half a minute, at one read per instance per half minute — and at
 * once when the day changes, so a version goes on sale on the first sale date it names.
 */
import { shanghaiDateOf } from '../core/civil-date';
import type { Deps } from '../core/use-cases/deps';
import { versionsOnSale } from '../core/use-cases/policy-versions';
import { checkDraft } from '../policies/draft';
import { installPublished } from '../policies/registry';

const EVERY_MS = 30_000;
let read = { at: -Infinity, day: '' };

export async function readPublished(deps: Deps): Promise<void> {
  const now = Date.now();
  const today = shanghaiDateOf(deps.clock.now());
  if (now - read.at < EVERY_MS && today === read.day) return;
  read = { at: now, day: today };
  const onSale = versionsOnSale(await deps.storage.policyVersions(), today);
  installPublished(onSale.flatMap((v) => {
    const policy = checkDraft(v.data).policy;
    if (!policy) console.error(`[policies] ${v.policyId}#${v.version} is published but does not check: left out`);
    return policy ? [{ policy, version: v.version }] : [];
  }));
}
