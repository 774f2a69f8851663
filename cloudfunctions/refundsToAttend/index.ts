// Cloud function refundsToAttend (operators: refunds that need someone), called from the staff pages; handled in src/server/functions.ts.
import { callable } from '../../src/server/cloudbase/entry';

export const main = callable('refundsToAttend');
