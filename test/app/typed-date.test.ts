import { describe, expect, it } from 'vitest';
import { readTypedDate } from '../../src/app-text/typed-date';

describe('a birth date as people type it', () => {
  it.each(['2023-09-10', '2023-9-10', '2023.9.10', '2023/09/10', '20230910', '2023年9月10日', ' 2023 . 9 . 10 '])('%s → 2023-09-10', (typed) => {
    expect(readTypedDate(typed)).toBe('2023-09-10');
  });
  it.each(['2023-02-30', '2023.13.1', '20231301', '2023-9', '2023', '九月十日', ''])('%s → not a date (yet)', (typed) => {
    expect(readTypedDate(typed)).toBeNull();
  });
  it('29 February only in a leap year', () => {
    expect(readTypedDate('2024.2.29')).toBe('2024-02-29');
    expect(readTypedDate('2023.2.29')).toBeNull();
  });
});
