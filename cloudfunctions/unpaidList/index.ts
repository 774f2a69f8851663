// Cloud function unpaidList, called from the staff pages; the handler is in src/server/functions.ts.
import { callable } from '../../src/server/cloudbase/entry';

export const main = callable('unpaidList');
