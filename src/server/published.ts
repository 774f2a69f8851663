/**
 * Policy years published by operators, read from storage into this process's book of policies
 * (src/policies/registry.ts): at most every 30 s, so a year published through another function
 * instance is on sale here within half a minute, at one read per instance per half minute.
 */
import type { Deps } from '../core/use-cases/deps';
import { checkDraft } from '../policies/draft';
import { installPublished } from '../policies/registry';

const EVERY_MS = 30_000;
let readAt = -Infinity;

export async function readPublished(deps: Deps): Promise<void> {
  const now = Date.now();
  if (now - readAt < EVERY_MS) return;
  readAt = now;
  const published = (await deps.storage.policyVersions()).filter((v) => v.status === 'published');
  installPublished(published.flatMap((v) => {
    const policy = checkDraft(v.data).policy;
    if (!policy) console.error(`[policies] ${v.policyId}#${v.version} is published but does not check: left out`);
    return policy ? [{ policy, version: v.version }] : [];
  }));
}
