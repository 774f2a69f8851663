/**
 * The 大病保险 cap incentives (国办发〔2024〕38号, amounts per province): after the threshold of
 * continuous years each further one raises the cap, a claim-free year raises next year's, together
 * at most a share of the base cap; re-entry after a break restarts the count and may lower it.
 * Informational: it changes nothing paid now. An amount the province has not given stays null.
 */
import type { NationalLayer } from '../../policies/schema';
import type { Fen } from '../money';
import type { History } from './history';

export interface Incentive {
  /** This coverage year's place in the run of continuous years (1 after a break). */
  continuousYears: number;
  /** The cap raise in fen (negative: lowered after a break); null where the amount is unknown. */
  capIncrease: Fen | null;
}

export function incentiveFor(layer: NationalLayer, history: History, claimFreeLastYear: boolean): Incentive | null {
  if (!history.known) return null;
  const rule = layer.incentive;
  if (history.breakYears.length > 0) return { continuousYears: 1, capIncrease: rule.breakPenalty === null ? null : -rule.breakPenalty };
  const continuousYears = history.continuousBefore + 1;
  const steps = Math.max(0, continuousYears - rule.afterContinuousYears);
  const claimFree = claimFreeLastYear && history.continuousBefore > 0;
  if ((steps > 0 && rule.continuousStep === null) || (claimFree && rule.claimFreeStep === null)) return { continuousYears, capIncrease: null };
  let raise = steps * (rule.continuousStep ?? 0) + (claimFree ? rule.claimFreeStep! : 0);
  if (raise > 0) {
    if (rule.baseCap === null) return { continuousYears, capIncrease: null };
    raise = Math.min(raise, Math.floor((rule.baseCap * rule.maxSharePercent) / 100));
  }
  return { continuousYears, capIncrease: raise };
}
