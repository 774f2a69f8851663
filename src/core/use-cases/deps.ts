/** The ports a use case may use, passed in as one value. */
import type { Clock, FileStore, PaymentGateway, Storage, VoucherPlatform } from '../ports';

export interface Deps {
  storage: Storage;
  gateway: PaymentGateway;
  vouchers: VoucherPlatform;
  clock: Clock;
  files: FileStore;
  /** A new unique identifier with a prefix (order and refund numbers, member ids). */
  newId(prefix: string): string;
}
