// Cloud function resolveNewbornClaim (operators: which household a newborn registered by two belongs to), called from the staff pages; handled in src/server/functions.ts.
import { callable } from '../../src/server/cloudbase/entry';

export const main = callable('resolveNewbornClaim');
