/**
 * The production voucher platform: hands the resident to the official 医保电子凭证 entry
 * configured for the region (navigateToMiniProgram) and accepts results signed with the secret
 * agreed with whoever reports them (the provincial platform or its integrator). The national
 * platform offers third parties no status query, so the recorded result stands.
 */
import type { VoucherHandOff, VoucherPlatform, VoucherResult } from '../../core/ports';
import type { OfficialEntry } from '../voucher-sandbox';
import { verifyVoucherResult } from '../voucher-signature';

export class OfficialVoucherPlatform implements VoucherPlatform {
  constructor(
    private readonly entries: Record<string, OfficialEntry>,
    private readonly secret: string,
  ) {}

  handOff(ticket: string, region: string): VoucherHandOff {
    const entry = this.entries[region];
    if (!entry) throw new Error(`no official e-voucher entry is configured for region ${region}`);
    return { kind: 'miniProgram', appId: entry.appId, path: entry.path, extraData: { ticket } };
  }

  verifyResult(headers: Record<string, string>, body: string): VoucherResult | null {
    return verifyVoucherResult(this.secret, headers, body);
  }

  async status() {
    return { status: 'pending' as const, at: null, qrPayload: null };
  }
}
