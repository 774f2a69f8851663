// Cloud function refundNotify, reached over CloudBase HTTP access: WeChat Pay's refund results; verified and applied in src/server/functions.ts.
import { httpNotice } from '../../src/server/cloudbase/entry';

export const main = httpNotice('refundNotify');
