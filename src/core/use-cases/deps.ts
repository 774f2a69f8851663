/** The ports a use case may use, passed in as one value. */
import type { Clock, FileStore, Messenger, PaymentGateway, Storage, VoucherPlatform } from '../ports';

/**
 * Where a region's premiums are paid when the bureau holds no merchant account of its own: the tax
 * bureau's official entry (a mini-program, or only its name when it has none to open).
 */
export interface PayElsewhere {
  name: string;
  appId: string | null;
  path: string | null;
}

export interface Deps {
  storage: Storage;
  gateway: PaymentGateway;
  vouchers: VoucherPlatform;
  clock: Clock;
  files: FileStore;
  /** WeChat subscription messages (reminders). */
  messenger: Messenger;
  /** Regions handed to another payment entry (a deployment setting): amounts shown, nothing charged here. */
  payElsewhere: Readonly<Record<string, PayElsewhere>>;
  /** A new unique identifier with a prefix (order and refund numbers, member ids). */
  newId(prefix: string): string;
}
