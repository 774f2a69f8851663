/**
 * A draft year run over a county's households before anyone approves it: every person quoted
 * under the year on sale and under the draft, each on the first day of its collection period (an
 * on-time payer), and what changes — outcomes, amounts grouped by reason, the totals paid by
 * residents and by each funding source, and changed households side by side. Pure: the policies
 * and the households come in as values; the CLI streams them (src/cli/policy.ts).
 */
import { maskName } from '../core/id-number';
import { formatYuan, type Fen } from '../core/money';
import { quoteHousehold } from '../core/rules/quote';
import type { MemberQuote, PersonFacts } from '../core/rules/types';
import { subsidyLabel } from '../core/vocabulary';
import type { Policy } from './schema';

export interface PersonChange {
  ref: string;
  name: string;
  before: { outcome: string; due: Fen | null };
  after: { outcome: string; due: Fen | null };
  reason: string;
}

export interface Totals {
  /** What residents pay for the year itself (back-payments of missing years left out). */
  personal: Fen;
  /** Subsidies applied, by who funds them (the notice's 资金来源). */
  subsidies: Record<string, Fen>;
}

export interface PreviewReport {
  households: number;
  persons: number;
  outcomeChanges: Record<string, number>;
  amountChanges: Record<string, number>;
  before: Totals;
  after: Totals;
  /** The first changed households, with both quotes. */
  sample: Array<{ ref: string; members: PersonChange[] }>;
}

const SAMPLE = 20;

/** This year's own amount: a back-payment (修复) of missing years is not part of a year's price. */
const ownDue = (m: MemberQuote): Fen | null => (m.outcome === 'pay' ? m.due - (m.repair?.amount ?? 0) : null);

function totalsAdd(t: Totals, m: MemberQuote) {
  if (m.outcome !== 'pay') return;
  t.personal += ownDue(m)!;
  if (m.subsidy) t.subsidies[m.subsidy.fundedBy] = (t.subsidies[m.subsidy.fundedBy] ?? 0) + m.subsidy.amount;
}

const subsidyText = (m: MemberQuote) => (m.outcome === 'pay' && m.subsidy ? `${subsidyLabel(m.subsidy.identity)}资助` : '无资助');

/** Why an amount moved, in words that group alike persons: the subsidy before and after, and the step. */
function amountReason(before: MemberQuote, after: MemberQuote): string {
  const b = before.outcome === 'pay' ? before : null;
  const a = after.outcome === 'pay' ? after : null;
  const step = (ownDue(after) ?? 0) - (ownDue(before) ?? 0);
  const sign = step > 0 ? '+' : '−';
  const standard = b && a && b.standard !== a.standard ? `个人缴费标准${formatYuan(b.standard)}→${formatYuan(a.standard)}，` : '';
  const subsidy = subsidyText(before) === subsidyText(after) ? subsidyText(after) : `${subsidyText(before)}→${subsidyText(after)}`;
  return `${standard}${subsidy}：每人${sign}${formatYuan(Math.abs(step))}元`;
}

export class Preview {
  private readonly report: PreviewReport = {
    households: 0,
    persons: 0,
    outcomeChanges: {},
    amountChanges: {},
    before: { personal: 0, subsidies: {} },
    after: { personal: 0, subsidies: {} },
    sample: [],
  };

  constructor(
    private readonly current: Policy,
    private readonly draft: Policy,
  ) {}

  /**
   * One household: `before` as the rules read it on the current year's first collection day,
   * `after` on the draft's (a child born in between is only in `after`). Answers its changed
   * persons (for a CSV), or null if a year does not sell on its own first day.
   */
  add(ref: string, before: PersonFacts[], after: PersonFacts[]): PersonChange[] | null {
    const b = before.length > 0 ? quoteHousehold(this.current, before, this.current.collection.opens.value) : null;
    const a = quoteHousehold(this.draft, after, this.draft.collection.opens.value);
    if ((b && 'code' in b) || 'code' in a) return null;
    const r = this.report;
    r.households++;
    r.persons += after.length;
    const earlier = new Map((b?.members ?? []).map((m) => [m.id, m]));
    const changes: PersonChange[] = [];
    a.members.forEach((ma, i) => {
      const mb = earlier.get(ma.id);
      if (mb) totalsAdd(r.before, mb);
      totalsAdd(r.after, ma);
      const dueB = mb ? ownDue(mb) : null;
      const dueA = ownDue(ma);
      if (mb?.outcome === ma.outcome && dueB === dueA) return;
      let reason: string;
      if (mb?.outcome !== ma.outcome) {
        reason = `${mb?.outcome ?? 'born'}→${ma.outcome}`;
        r.outcomeChanges[reason] = (r.outcomeChanges[reason] ?? 0) + 1;
      } else {
        reason = amountReason(mb!, ma);
        r.amountChanges[reason] = (r.amountChanges[reason] ?? 0) + 1;
      }
      changes.push({ ref, name: maskName(after[i]!.name), before: { outcome: mb?.outcome ?? 'born', due: dueB }, after: { outcome: ma.outcome, due: dueA }, reason });
    });
    if (changes.length > 0 && r.sample.length < SAMPLE) r.sample.push({ ref, members: changes });
    return changes;
  }

  result(): PreviewReport {
    return this.report;
  }
}

/**
 * A person's facts for the next year: a year paid now counts as enrolled then, so continuous
 * payers stay continuous (the preview assumes this year's payers pay again).
 */
export function nextYearFacts(facts: PersonFacts[], current: Policy): PersonFacts[] {
  return facts.map((p) => {
    if (!p.enrolledYears) return p;
    // This year's back-payments are done by then.
    const { repairYears, ...rest } = p;
    return { ...rest, enrolledYears: [...p.enrolledYears, ...(repairYears ?? []), current.coverageYear].sort((x, y) => x - y) };
  });
}
