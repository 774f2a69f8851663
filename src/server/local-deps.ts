/**
 * The local wiring: PGlite storage, the WeChat Pay adapter talking to the sandbox platform, and
 * ids. The sandbox's callbacks go to `deliver` (the local server posts them to /api/payNotify;
 * tests hand them straight to the handler).
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, FileStore, Messenger, Storage } from '../core/ports';
import type { Deps, PayElsewhere } from '../core/use-cases/deps';
import { LocalFiles } from './local-files';
import { SandboxMessenger } from './messenger-sandbox';
import { PgliteStorage } from './pglite-storage';
import { WechatPayGateway } from './wechat-pay/gateway';
import { SandboxVoucherPlatform, type DeliverVoucher } from './voucher-sandbox';
import { SandboxPayPlatform, type Deliver } from './wechat-pay/sandbox';

export interface LocalSystem {
  deps: Deps;
  storage: PgliteStorage;
  files: LocalFiles;
  sandbox: SandboxPayPlatform;
  voucherSandbox: SandboxVoucherPlatform;
  /** Subscription messages that would have been sent (POST /sandbox/outbox). */
  messenger: SandboxMessenger;
  close(): Promise<void>;
}

/** Order and refund numbers: prefix + 24 hex characters (WeChat Pay allows 6–32 of [A-Za-z0-9_-]). */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

export interface LocalOptions {
  dataDir?: string;
  template?: Blob;
  clock: Clock;
  notifyUrl: string;
  /** Where the payment sandbox sends its callbacks. */
  deliver: Deliver;
  /** Where the voucher sandbox sends its results. */
  deliverVoucher: DeliverVoucher;
  /** Where the payment sandbox sends refund results (the refund notify URL). */
  deliverRefund?: Deliver;
  /** Regions paid at the tax bureau's entry instead (YIBAO_PAY_ELSEWHERE). */
  payElsewhere?: Record<string, PayElsewhere>;
}

/**
 * A system on the given storage and files with the sandboxes standing where WeChat Pay and the
 * voucher platform stand, behind the production adapter (local mode; the tests on either backend),
 * and the given messenger (the sandbox outbox unless the production adapter is tested).
 */
export function withSandboxes<S extends Storage, F extends FileStore, M extends Messenger>(
  options: Pick<LocalOptions, 'clock' | 'notifyUrl' | 'deliver' | 'deliverVoucher' | 'deliverRefund' | 'payElsewhere'>,
  storage: S,
  files: F,
  messenger: M,
) {
  const sandbox = new SandboxPayPlatform(options.deliver, () => options.clock.now(), options.deliverRefund);
  const gateway = new WechatPayGateway(sandbox.merchantConfig(options.notifyUrl), sandbox, () => Math.floor(options.clock.now() / 1000));
  const voucherSandbox = new SandboxVoucherPlatform(options.deliverVoucher, () => options.clock.now());
  const deps: Deps = { storage, gateway, vouchers: voucherSandbox, clock: options.clock, files, messenger, newId, payElsewhere: options.payElsewhere ?? {} };
  return { deps, storage, files, sandbox, voucherSandbox, messenger };
}

export async function localSystem(options: LocalOptions): Promise<LocalSystem> {
  const storage = await PgliteStorage.open(options.dataDir, options.template);
  // Uploads live beside the database; without a data folder (tests), in the system's temporary one.
  const files = new LocalFiles(options.dataDir ? join(options.dataDir, 'uploads') : join(tmpdir(), 'yibao-uploads'), () => options.clock.now());
  const system = withSandboxes(options, storage, files, new SandboxMessenger(() => options.clock.now()));
  return {
    ...system,
    async close() {
      system.sandbox.stop();
      await storage.close();
    },
  };
}
