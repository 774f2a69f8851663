/**
 * A newborn's birth year, sold beside the year on sale. Cover from the birth date needs the birth
 * year's own premium (医保办函〔2021〕11号 第十条); once next year's period opens the birth year is
 * no longer sold to anyone else, but a child born in it and still inside its window may pay it,
 * priced and dated by the birth year's own notice. After that year has ended, only where the year
 * on sale says so (肇庆 2024: 「跨两个居民医保年度的，可缴纳两个年度的医疗保险费」).
 */
import type { Policy } from '../../policies/schema';
import type { CivilDate } from '../civil-date';
import { newbornWindow } from './newborn';
import { quoteHousehold } from './quote';
import type { PayQuote, PersonFacts } from './types';

/** The clause tying cover from birth to the birth year's premium. */
export const BIRTH_YEAR_CITE = '医保办函〔2021〕11号 第十条（缴纳出生当年居民医保费后自出生之日起报销）';

/**
 * The birth year's quote for one child of the household (`person.paid`: enrolled in that year),
 * or null when it is not for sale to this child today.
 */
export function birthYearQuote(birthYear: Policy, onSale: Policy, person: PersonFacts, household: readonly PersonFacts[], paidOn: CivilDate): PayQuote | null {
  if (birthYear.region.code !== onSale.region.code || birthYear.coverageYear !== onSale.coverageYear - 1) return null;
  if (!person.birthDate.startsWith(`${birthYear.coverageYear}-`)) return null;
  const window = newbornWindow(birthYear, person.birthDate);
  if (!window || paidOn > window.lastDay) return null;
  const ended = paidOn > birthYear.coverage.end.value;
  const bothYears = onSale.newborn.kind === 'window' ? onSale.newborn.bothYears : null;
  if (ended && !bothYears) return null;
  // After the birth year has ended its terms are those of its last day: the child is inside its window either way.
  const quote = quoteHousehold(birthYear, household, ended ? birthYear.coverage.end.value : paidOn);
  if ('code' in quote) return null;
  const member = quote.members.find((m) => m.id === person.id);
  if (!member || member.outcome !== 'pay' || member.entry !== 'newborn' || member.coverageStart !== person.birthDate) return null;
  const citations = [...member.citations, BIRTH_YEAR_CITE, ...(bothYears ? [bothYears] : [])];
  // Without bothYears the birth year is sold only until it ends: that is the last day, if earlier than the window's.
  const yearEnd = birthYear.coverage.end.value;
  const payBy = !bothYears && yearEnd < window.lastDay ? yearEnd : window.lastDay;
  return { ...member, newbornPayBy: payBy, reason: `出生当年（${birthYear.coverageYear}年度）保费：${member.reason.replace(/。$/, '')}，出生以来的医疗费用可以报销。`, citations };
}
