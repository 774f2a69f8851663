/**
 * 18-character identity numbers (GB 11643-1999): the resident ID card, the residence permit for
 * Hong Kong, Macau and Taiwan residents (prefix 810000 / 820000 / 830000, same layout), and the
 * 2023 foreigner's permanent residence ID card (first digit 9, birth date in the same place).
 * All three carry the same ISO 7064 MOD 11-2 check character.
 */
import { formatCivilDate, parseCivilDate, type CivilDate } from './civil-date';

export type IdKind = 'resident' | 'hmt_permit' | 'foreigner_permanent';
export type Sex = 'male' | 'female';

export interface IdNumberFacts {
  kind: IdKind;
  /** For HMT permits: where the holder comes from. */
  origin?: 'hong_kong' | 'macau' | 'taiwan';
  birthDate: CivilDate;
  sex: Sex;
}

export type IdProblem = 'length' | 'characters' | 'region' | 'birth_date' | 'check_digit';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Province-level codes of GB/T 2260 that resident IDs start with. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);
const HMT_PREFIXES: Record<string, IdNumberFacts['origin']> = {
  '810000': 'hong_kong',
  '820000': 'macau',
  '830000': 'taiwan',
};

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Reads an ID number; returns its facts or the first problem found (for a precise message). */
export function readIdNumber(raw: string): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdProblem } {
  if (raw.length !== 18) return { ok: false, problem: 'length' };
  const id = raw.charCodeAt(17) === 120 ? raw.slice(0, 17) + 'X' : raw;
  for (let i = 0; i < 17; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return { ok: false, problem: 'characters' };
  }
  const last = id.charCodeAt(17);
  if ((last < 48 || last > 57) && last !== 88) return { ok: false, problem: 'characters' };

  const origin = HMT_PREFIXES[id.slice(0, 6)];
  let kind: IdKind;
  if (origin) kind = 'hmt_permit';
  else if (id[0] === '9') kind = 'foreigner_permanent';
  else if (PROVINCES.has(id.slice(0, 2))) kind = 'resident';
  else return { ok: false, problem: 'region' };

  const birth = parseCivilDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
  if (!birth) return { ok: false, problem: 'birth_date' };
  if (checkCharacter(id) !== id[17]) return { ok: false, problem: 'check_digit' };

  const facts: IdNumberFacts = {
    kind,
    birthDate: formatCivilDate(birth),
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
  if (origin) facts.origin = origin;
  return { ok: true, facts };
}

export const ID_PROBLEM_MESSAGES: Record<IdProblem, string> = {
  length: '证件号码应为18位',
  characters: '证件号码只能由数字组成，最后一位可以是X',
  region: '证件号码的地区代码不正确',
  birth_date: '证件号码中的出生日期不存在',
  check_digit: '证件号码校验位不正确，请核对后重新输入',
};

/** 3***************1X style: only the first and last characters are shown. */
export function maskIdNumber(id: string): string {
  if (id.length <= 2) return '*'.repeat(id.length);
  return `${id[0]}${'*'.repeat(id.length - 2)}${id[id.length - 1]}`;
}

/** 张* for two characters, 张*三 / 欧阳**锋 for longer names: the surname and the last character stay. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
