/**
 * The deadline a reminder is about (src/core/rules/reminder.ts): the collection period's last day
 * (demo-2027 §集中参保期), an extension's (qixian-2022 §五(三): 外出务工人员 to 2022-02-28), a
 * newborn's window (demo-2027: 90 days, cover from birth) — the earliest still ahead among the
 * members to pay — and the day the reminder goes (REMIND_DAYS_BEFORE, the product's choice).
 */
import { describe, expect, it } from 'vitest';
import { householdFacts } from '../../src/contracts/quote';
import { quoteHousehold } from '../../src/core/rules/quote';
import { nextDeadline, reminderDay } from '../../src/core/rules/reminder';
import type { HouseholdQuote } from '../../src/core/rules/types';
import { findPolicy } from '../../src/policies/registry';
import { person } from '../support/people';

function deadline(policyId: string, people: Array<Record<string, unknown>>, today: string) {
  const facts = householdFacts(people.map((p, i) => person(policyId, { seq: `0${i + 1}1`, ...p } as never)), today);
  const q = quoteHousehold(findPolicy(policyId)!, facts, today) as HouseholdQuote;
  const d = nextDeadline(q.members, today);
  // Members by their place in the household, for reading.
  return d && { ...d, memberIds: d.memberIds.map((id) => `m${facts.findIndex((f) => f.id === id)}`) };
}

describe('the deadline a household is reminded of', () => {
  it('demo-2027 §集中参保期: on time, the period closes 2027-02-28', () => {
    expect(deadline('demo-2027', [{}, { born: '1950-01-01' }], '2026-12-02')).toEqual({ payBy: '2027-02-28', newborn: false, memberIds: ['m0', 'm1'] });
  });

  it('qixian-2022 §五(三): a migrant worker paying in the extension is reminded of its last day, 2022-02-28', () => {
    expect(deadline('qixian-2022', [{ migrantWorker: true }], '2022-01-15')).toEqual({ payBy: '2022-02-28', newborn: false, memberIds: ['m0'] });
  });

  it('demo-2027 newborn window: a baby born 2027-01-10 is reminded of its own last day, after the period has closed', () => {
    const d = deadline('demo-2027', [{ born: '1990-01-01' }, { born: '2027-01-10', enrolledYears: [] }], '2027-03-15');
    expect(d).toEqual({ payBy: '2027-04-10', newborn: true, memberIds: ['m1'] });
    // Before the period closes, the earlier deadline is the parents': the baby's comes later.
    expect(deadline('demo-2027', [{ born: '1990-01-01' }, { born: '2027-01-10', enrolledYears: [] }], '2027-02-01')).toMatchObject({ payBy: '2027-02-28', newborn: false, memberIds: ['m0'] });
  });

  it('late payers have no deadline to be reminded of; nor has a household with nothing to pay', () => {
    expect(deadline('qixian-2022', [{}], '2022-03-15')).toBeNull();
    expect(deadline('demo-2027', [{ employeeInsured: true }], '2026-12-02')).toBeNull();
  });
});

describe('the day the reminder goes (REMIND_DAYS_BEFORE = 3)', () => {
  it('three days before; tomorrow when that is already past; never on or after the deadline itself', () => {
    expect(reminderDay('2027-02-28', '2026-12-02')).toBe('2027-02-25');
    expect(reminderDay('2027-02-28', '2027-02-26')).toBe('2027-02-27');
    expect(reminderDay('2027-02-28', '2027-02-27')).toBe('2027-02-28');
    expect(reminderDay('2027-02-28', '2027-02-28')).toBeNull();
  });
});
