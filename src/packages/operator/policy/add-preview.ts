/**
 * A preview arrives a window of households at a time (policyVersions preview, `next`); the staff
 * page adds the windows up as they come. Amounts are added in whole fen.
 */
import type { FunctionReply } from '../../../contracts/replies';
import { formatYuan, parseYuan } from '../../../core/money';

export type PreviewReply = Extract<FunctionReply<'policyVersions'>, { current: string }>;
type Totals = PreviewReply['before'];

/** Changed households shown side by side, as the server samples them. */
const SAMPLE = 20;

const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const sum = { ...a };
  for (const [k, n] of Object.entries(b)) sum[k] = (sum[k] ?? 0) + n;
  return sum;
};

const addYuan = (a: string | undefined, b: string | undefined) => formatYuan((parseYuan(a ?? '0.00') ?? 0) + (parseYuan(b ?? '0.00') ?? 0));

const addTotals = (a: Totals, b: Totals): Totals => ({
  personal: addYuan(a.personal, b.personal),
  subsidies: Object.fromEntries([...new Set([...Object.keys(a.subsidies), ...Object.keys(b.subsidies)])].map((k) => [k, addYuan(a.subsidies[k], b.subsidies[k])])),
});

export function addWindow(sofar: PreviewReply | null, window: PreviewReply): PreviewReply {
  if (!sofar) return window;
  return {
    current: window.current,
    next: window.next,
    households: sofar.households + window.households,
    persons: sofar.persons + window.persons,
    outcomeChanges: addCounts(sofar.outcomeChanges, window.outcomeChanges),
    amountChanges: addCounts(sofar.amountChanges, window.amountChanges),
    before: addTotals(sofar.before, window.before),
    after: addTotals(sofar.after, window.after),
    sample: [...sofar.sample, ...window.sample].slice(0, SAMPLE),
    changes: [...sofar.changes, ...window.changes],
  };
}
