// Mini-programs forbid `new Function`, which zod's fast path uses: imported first, before any schema is built.
// Before zod itself: engines without BigInt (iOS 13) get a stand-in zod's load needs.
import './bigint-guard';
import * as z from 'zod/mini';

z.config({ jitless: true });
