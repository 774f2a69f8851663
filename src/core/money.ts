/**
 * Money as integer fen (分). Integers below 2^53 add and subtract exactly, so no float ever
 * touches an amount; decimal.js parses the decimal strings that come from outside (contract,
 * policy data, CSV) so "280", "280.5" and "280.50" all read exactly, and more than two
 * decimal places is refused rather than rounded.
 */
import Decimal from 'decimal.js';

export type Fen = number;

const AMOUNT_SHAPE = /^\d{1,12}(\.\d{1,2})?$/;

/** "280.00" → 28000. Returns null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function parseYuan(text: string): Fen | null {
  if (!AMOUNT_SHAPE.test(text)) return null;
  return new Decimal(text).times(100).toNumber();
}

/** 28000 → "280.00" (the contract's two-decimal string). */
export function formatYuan(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs - yuan * 100;
  return `${sign}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}
