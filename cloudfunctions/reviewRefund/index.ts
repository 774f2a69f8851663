// Cloud function reviewRefund (operators: approve or reject a refund request), called from the staff pages; handled in src/server/functions.ts.
import { callable } from '../../src/server/cloudbase/entry';

export const main = callable('reviewRefund');
