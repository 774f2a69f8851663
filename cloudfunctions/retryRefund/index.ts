// Cloud function retryRefund (operators: another attempt of a failed refund), called from the staff pages; handled in src/server/functions.ts.
import { callable } from '../../src/server/cloudbase/entry';

export const main = callable('retryRefund');
