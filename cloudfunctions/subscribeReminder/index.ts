// Cloud function subscribeReminder, called from the mini-program; the handler is in src/server/functions.ts.
import { callable } from '../../src/server/cloudbase/entry';

export const main = callable('subscribeReminder');
