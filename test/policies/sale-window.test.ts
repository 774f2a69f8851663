import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/civil-date';
import { allPolicies } from '../../src/policies/registry';
import { quoteOne } from '../support/people';

function refusal(policy: string, paidOn: string): string | undefined {
  try {
    quoteOne(policy, paidOn);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('every notice: a coverage year is sold from the first day of its collection period to its last covered day', () => {
  for (const p of allPolicies()) {
    const opens = p.collection.opens.value;
    const ends = p.coverage.end.value;
    it(`${p.collection.opens.cite}: ${p.id} is not yet on sale on ${addDays(opens, -1)}, and is on ${opens}`, () => {
      expect(refusal(p.id, addDays(opens, -1))).toBe('NOT_YET_OPEN');
      expect(refusal(p.id, opens)).toBeUndefined();
    });
    it(`${p.coverage.end.cite}: ${p.id} is closed on ${addDays(ends, 1)}`, () => {
      expect(refusal(p.id, addDays(ends, 1))).toBe('YEAR_ENDED');
      expect(refusal(p.id, ends)).toBeUndefined();
    });
  }
});
