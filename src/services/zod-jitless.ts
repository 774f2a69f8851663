// Mini-programs forbid `new Function`, which zod's fast path uses: imported first, before any schema is built.
import { z } from 'zod';

z.config({ jitless: true });
