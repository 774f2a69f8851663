/**
 * @vitest-environment jsdom
 * The voucher's QR code: every module of the symbol drawn, with the quiet border around it.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { QrCode } from '../../src/components/QrCode';

afterEach(cleanup);

describe('QrCode', () => {
  it('draws the symbol module by module, dark where the code is dark', () => {
    const payload = 'YBPZ:VT1234567890';
    render(<QrCode payload={payload} />);
    const rows = [...document.querySelectorAll('.qr-row')].map((r) => [...r.children].map((d) => d.className.includes('on')));
    expect(rows).toEqual(encode(payload, { ecc: 'M', border: 2 }).data);
    // A finder pattern's dark corner sits just inside the 2-module border.
    expect(rows[2]![2]).toBe(true);
    expect(rows[0]!.every((dark) => !dark)).toBe(true);
  });
});
