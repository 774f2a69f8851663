/**
 * Handing the payer to the region's official payment entry (the tax bureau's). H5 cannot open a
 * mini-program: the page says where to pay instead. weapp: pay-entry.weapp.ts opens it.
 */
import type { FunctionReply } from '../contracts/replies';

type Entry = NonNullable<FunctionReply<'quote'>['payElsewhere']>;

export async function openPayEntry(entry: Entry): Promise<boolean> {
  void entry;
  return false;
}
