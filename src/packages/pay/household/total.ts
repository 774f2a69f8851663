import type { FunctionReply } from '../../../contracts/replies';
import { formatYuan, parseYuan } from '../../../core/money';

type Quote = FunctionReply<'quote'>;

/** Sums amounts in fen: money is never added as floating point. The reply schema guarantees "0.00" amounts. */
export function totalOf(quote: Quote, selected: Set<string>): string {
  let fen = 0;
  for (const m of quote.members) if (m.outcome === 'pay' && selected.has(m.memberId)) fen += parseYuan(m.due)!;
  return formatYuan(fen);
}
