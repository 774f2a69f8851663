// Cloud function payNotify, reached over CloudBase HTTP access; verified and settled in src/server/functions.ts.
import { httpNotice } from '../../src/server/cloudbase/entry';

export const main = httpNotice('payNotify');
