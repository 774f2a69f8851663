/** The ID number as it is typed on the home page. */
import { describe, expect, it } from 'vitest';
import { cleanIdInput, idInputState } from '../../src/app-text/id-input';
import { idNumber } from '../support/people';

const VALID = idNumber('370481', '1955-03-12', '003');

describe('cleanIdInput', () => {
  it('keeps digits, upper-cases x, and allows X only as the 18th character', () => {
    expect(cleanIdInput('3704 8119-5503')).toBe('370481195503');
    expect(cleanIdInput('37048119550312002x')).toBe('37048119550312002X');
    expect(cleanIdInput('3704X81')).toBe('370481');
    expect(cleanIdInput(`${VALID}999`)).toBe(VALID);
  });
});

describe('idInputState', () => {
  it('says how many characters are left while the number can still be valid', () => {
    expect(idInputState('3704811955')).toEqual({ kind: 'typing', left: 8 });
  });

  it('says at once when the birth date in it cannot exist', () => {
    expect(idInputState('37048119550230')).toEqual({ kind: 'invalid', message: '证件号码中的出生日期不存在' });
  });

  it('accepts a number whose check character matches, and refuses one that does not', () => {
    expect(idInputState(VALID)).toEqual({ kind: 'valid' });
    const wrong = VALID.slice(0, 17) + (VALID[17] === '1' ? '2' : '1');
    expect(idInputState(wrong)).toEqual({ kind: 'invalid', message: '证件号码校验位不正确，请核对后重新输入' });
  });
});
