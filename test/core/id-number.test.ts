import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, readIdNumber } from '../../src/core/id-number';
import { idNumber } from '../support/people';

describe('GB 11643 ID numbers', () => {
  it('accepts the contract examples and reads birth date and sex', () => {
    expect(readIdNumber('341302198001010011')).toEqual({ ok: true, facts: { kind: 'resident', birthDate: '1980-01-01', sex: 'male' } });
    expect(readIdNumber('371703202401050015')).toMatchObject({ ok: true, facts: { birthDate: '2024-01-05' } });
    expect(readIdNumber(idNumber('370481', '1990-05-05', '002'))).toMatchObject({ ok: true, facts: { sex: 'female' } });
  });
  it('accepts a lower-case x check character', () => {
    const withX = ['11010519491231002', '44030019900101001'].map((p) => idNumber(p.slice(0, 6), `${p.slice(6, 10)}-${p.slice(10, 12)}-${p.slice(12, 14)}`, p.slice(14))).find((id) => id.endsWith('X'));
    if (withX) expect(readIdNumber(withX.toLowerCase()).ok).toBe(true);
    expect(readIdNumber('11010519491231002X')).toMatchObject({ ok: true });
    expect(readIdNumber('11010519491231002x')).toMatchObject({ ok: true });
  });
  it('names the problem', () => {
    expect(readIdNumber('341302198001010012')).toEqual({ ok: false, problem: 'check_digit' });
    expect(readIdNumber('34130219800101001')).toEqual({ ok: false, problem: 'length' });
    expect(readIdNumber('34130219800101001A')).toEqual({ ok: false, problem: 'characters' });
    expect(readIdNumber(idNumber('341302', '1980-01-01').replace('19800101', '19800230'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(readIdNumber(idNumber('991302', '1980-01-01').replace(/^9/, '0'))).toEqual({ ok: false, problem: 'region' });
  });
  it('reads Hong Kong, Macau and Taiwan residence permits', () => {
    expect(readIdNumber(idNumber('810000', '1990-01-01'))).toMatchObject({ ok: true, facts: { kind: 'hmt_permit', origin: 'hong_kong' } });
    expect(readIdNumber(idNumber('820000', '1990-01-01'))).toMatchObject({ ok: true, facts: { origin: 'macau' } });
    expect(readIdNumber(idNumber('830000', '1990-01-01'))).toMatchObject({ ok: true, facts: { origin: 'taiwan' } });
  });
  it("reads a foreigner's permanent residence ID", () => {
    expect(readIdNumber(idNumber('911840', '1985-08-08'))).toMatchObject({ ok: true, facts: { kind: 'foreigner_permanent', birthDate: '1985-08-08' } });
  });
});

describe('masking for display', () => {
  it('shows only the first and last character of an ID', () => expect(maskIdNumber('341302198001010011')).toBe('3****************1'));
  it('keeps the surname and the last character of a name', () => {
    expect([maskName('张三'), maskName('张小三'), maskName('欧阳小峰'), maskName('王')]).toEqual(['张*', '张*三', '欧**峰', '王']);
  });
});
