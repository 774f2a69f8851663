/**
 * The events each cloud function accepts, as zod schemas shared by the functions, the local server
 * and the app's service layer. Anything else a caller sends is ignored; who the caller is comes
 * from the platform (OPENID), never from the event.
 */
import { z } from 'zod';
import { REFUND_REASONS } from '../core/vocabulary';

const token = z.string().trim().min(1).max(64);

export const functionEvents = {
  lookupHousehold: z.object({ name: z.string().trim().min(1).max(40), idNumber: z.string().trim().min(1).max(18) }),
  quote: z.object({ householdId: token }),
  createOrder: z.object({ householdId: token, memberIds: z.array(token).min(1).max(100) }),
  orderStatus: z.object({ orderNo: token }),
  myOrders: z.object({}),
  certificate: z.object({ orderNo: token }),
  refundCheck: z.object({ orderNo: token, memberId: token, reason: z.enum(REFUND_REASONS) }),
  requestRefund: z.object({ orderNo: token, memberId: token, reason: z.enum(REFUND_REASONS) }),
};

export type FunctionName = keyof typeof functionEvents;
export type FunctionEvent<N extends FunctionName> = z.infer<(typeof functionEvents)[N]>;

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(functionEvents, name);
}
