/**
 * What to tell a resident about the ID number they are typing, character by character: nothing
 * while it can still become valid, the precise problem as soon as it cannot.
 */
import { ID_PROBLEM_MESSAGES, readIdNumber } from '../core/id-number';

export type IdInputState = { kind: 'typing'; left: number } | { kind: 'valid' } | { kind: 'invalid'; message: string };

/** Keeps what an ID number can contain: digits, and X (upper-cased) only in the last place. */
export function cleanIdInput(raw: string): string {
  let id = '';
  for (const c of raw.toUpperCase()) {
    if (id.length === 18) break;
    if ((c >= '0' && c <= '9') || (c === 'X' && id.length === 17)) id += c;
  }
  return id;
}

export function idInputState(value: string): IdInputState {
  if (value.length < 18) {
    // The birth date sits in characters 7–14: say at once when it cannot be a date.
    if (value.length >= 14) {
      const r = readIdNumber(value.slice(0, 14).padEnd(18, '0'));
      if (!r.ok && (r.problem === 'birth_date' || r.problem === 'region')) return { kind: 'invalid', message: ID_PROBLEM_MESSAGES[r.problem] };
    }
    return { kind: 'typing', left: 18 - value.length };
  }
  const r = readIdNumber(value);
  return r.ok ? { kind: 'valid' } : { kind: 'invalid', message: ID_PROBLEM_MESSAGES[r.problem] };
}
