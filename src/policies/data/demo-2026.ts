/**
 * 示范县 (fictional) 2026年度: "the same, one year earlier" (shared/spec/DEMO_REGION.md §demo-2026):
 * coverage 2026, collection 2025-09-01 to 2026-02-28, personal 400.00, fiscal 700, the same
 * subsidies, waiting periods and newborn rule, each cited to this year's page.
 */
import type { PolicyInput } from '../schema';
import demo2027 from './demo-2027';

const sameRules: typeof demo2027 = JSON.parse(JSON.stringify(demo2027).replaceAll('demo-2027 §', 'demo-2026 §').replaceAll('2027-12-31', '2026-12-31'));

export default {
  ...sameRules,
  id: 'demo-2026',
  coverageYear: 2026,
  notice: { ...sameRules.notice, title: '示范县2026年度城乡居民基本医疗保险参保缴费规定（虚构示范）' },
  coverage: { start: { value: '2026-01-01', cite: 'demo-2026 §待遇期' }, end: { value: '2026-12-31', cite: 'demo-2026 §待遇期' } },
  fiscalPerCapita: { value: '700.00', cite: 'demo-2026 §个人缴费' },
  collection: { opens: { value: '2025-09-01', cite: 'demo-2026 §集中参保期' }, closes: { value: '2026-02-28', cite: 'demo-2026 §集中参保期' } },
} satisfies PolicyInput;
