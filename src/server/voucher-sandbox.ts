/**
 * A local stand-in for the official 医保电子凭证 entry. The real activation happens in WeChat's and
 * the national platform's own pages (face check and all); this sandbox plays that side for
 * `npm start` and the tests: it shows an activation page per ticket, then reports the result to
 * the product with an HMAC-signed notice, and answers status queries with a QR payload.
 */
import { randomBytes } from 'node:crypto';
import type { VoucherHandOff, VoucherPlatform, VoucherResult } from '../core/ports';
import { signVoucherResult, VOUCHER_SIGNATURE_HEADER, verifyVoucherResult } from './voucher-signature';

interface Ticket {
  status: 'pending' | 'activated' | 'failed';
  at: number | null;
  qrPayload: string | null;
}

export type DeliverVoucher = (notice: { headers: Record<string, string>; body: string }) => Promise<boolean>;

/** Official entries per region, for the weapp hand-off (navigateToMiniProgram). Set per deployment. */
export interface OfficialEntry {
  appId: string;
  path: string;
}

export class SandboxVoucherPlatform implements VoucherPlatform {
  private readonly key = randomBytes(32);
  private readonly tickets = new Map<string, Ticket>();

  constructor(
    private readonly deliver: DeliverVoucher,
    private readonly nowMs: () => number,
    /** When set, hand-offs name the official mini-program instead of the sandbox page. */
    private readonly officialEntries: Record<string, OfficialEntry> = {},
  ) {}

  handOff(ticket: string, region: string): VoucherHandOff {
    if (!this.tickets.has(ticket)) this.tickets.set(ticket, { status: 'pending', at: null, qrPayload: null });
    const official = this.officialEntries[region];
    if (official) return { kind: 'miniProgram', appId: official.appId, path: official.path, extraData: { ticket } };
    return { kind: 'sandbox', url: `/sandbox/voucher?ticket=${encodeURIComponent(ticket)}` };
  }

  /** The resident finishes (or abandons) activation on the official side. */
  async activate(ticket: string, outcome: 'activated' | 'failed' = 'activated', notify = true): Promise<boolean> {
    const t = this.tickets.get(ticket);
    if (!t) return false;
    t.status = outcome;
    t.at = this.nowMs();
    t.qrPayload = outcome === 'activated' ? `ybpz:${randomBytes(12).toString('hex')}` : null;
    if (notify) {
      const body = JSON.stringify({ ticket, status: outcome, at: t.at });
      await this.deliver({ headers: { [VOUCHER_SIGNATURE_HEADER]: signVoucherResult(this.key, body), 'Content-Type': 'application/json' }, body }).catch(() => false);
    }
    return true;
  }

  verifyResult(headers: Record<string, string>, body: string): VoucherResult | null {
    return verifyVoucherResult(this.key, headers, body);
  }

  async status(ticket: string) {
    const t = this.tickets.get(ticket);
    return t ? { ...t } : { status: 'pending' as const, at: null, qrPayload: null };
  }
}
