// Cloud function reconcile, on a timer: settles orders whose payment notice never came.
import { reconcileJob } from '../../src/server/cloudbase/entry';

export const main = reconcileJob();
