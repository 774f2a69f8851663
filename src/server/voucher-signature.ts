/** The signed result notice of a voucher activation: HMAC-SHA256 of the body under a shared secret. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VoucherResult } from '../core/ports';

export const VOUCHER_SIGNATURE_HEADER = 'X-Voucher-Signature';

export function signVoucherResult(secret: string | Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export function verifyVoucherResult(secret: string | Buffer, headers: Record<string, string>, body: string): VoucherResult | null {
  const given = Object.entries(headers).find(([k]) => k.toLowerCase() === VOUCHER_SIGNATURE_HEADER.toLowerCase())?.[1] ?? '';
  const expected = signVoucherResult(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  try {
    const r = JSON.parse(body) as VoucherResult;
    return typeof r.ticket === 'string' && (r.status === 'activated' || r.status === 'failed') && typeof r.at === 'number' ? r : null;
  } catch {
    return null;
  }
}
