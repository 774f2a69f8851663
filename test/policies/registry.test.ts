import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/civil-date';
import { quoteHousehold } from '../../src/core/rules/quote';
import { allPolicies, loadPolicy, policyOnSale } from '../../src/policies/registry';
import dingtao from '../../src/policies/data/dingtao-2024';
import { idNumber } from '../support/people';

describe('policy registry', () => {
  it('loads the five seed region-years and the demo county\'s two', () => {
    expect(allPolicies().map((p) => p.id).sort()).toEqual(['demo-2026', 'demo-2027', 'dingtao-2024', 'huining-2021', 'qixian-2022', 'tengzhou-2021', 'zhaoqing-2021']);
  });

  it('every value that rules read carries a clause of its own notice, the national layer or the product default', () => {
    for (const p of allPolicies()) {
      const cites = JSON.stringify(p).match(/"cite":"[^"]*"/g) ?? [];
      expect(cites.length).toBeGreaterThan(5);
      for (const c of cites) expect(c).toMatch(new RegExp(`"cite":"(${p.id}|国办发〔2024〕38号|医保办函〔2021〕11号 第十六条)`));
    }
  });

  it('refuses a malformed data file at load, naming the bad value', () => {
    expect(() => loadPolicy({ ...dingtao, standard: { value: '380.001', cite: 'x §1' } })).toThrow(/standard\.value/);
    expect(() => loadPolicy({ ...dingtao, subsidies: [{ by: 'identity', identity: 'nobody' as never, amount: '1.00', fundedBy: 'x', cite: 'dingtao-2024 §五' }] })).toThrow(/subsidies/);
    expect(() => loadPolicy({ ...dingtao, standard: { value: '380.00', cite: '' } })).toThrow(/条款/);
  });

  it('a sixth region-year is one data file: no rule code changes', () => {
    const next = loadPolicy({
      ...dingtao,
      id: 'dingtao-2025',
      coverageYear: 2025,
      coverage: { start: { value: '2025-01-01', cite: 'dingtao-2025 §四' }, end: { value: '2025-12-31', cite: 'dingtao-2025 §四' } },
      standard: { value: '400.00', cite: 'dingtao-2025 §三(一)' },
      collection: { opens: { value: '2024-09-01', cite: 'dingtao-2025 §三(二)' }, closes: { value: '2024-12-31', cite: 'dingtao-2025 §三(二)' } },
    });
    const q = quoteHousehold(next, [
      { id: idNumber('371703', '1970-01-01'), name: '甲', idKind: 'resident', birthDate: '1970-01-01', identities: ['dibao'], employeeInsured: false, school: false, migrantWorker: false, military: false, prisoner: false, hukou: 'local', residencePermit: false, paid: false },
    ], '2024-10-01');
    expect('totalDue' in q && q.totalDue).toBe(40000 - 11400);
  });

  it('sweep: on every day each region has at most one year on sale, and that year is open on that day', () => {
    const regions = [...new Set(allPolicies().map((p) => p.region.code))];
    for (let day = '2019-01-01'; day <= '2025-12-31'; day = addDays(day, 1)) {
      for (const region of regions) {
        const p = policyOnSale(region, day);
        const open = allPolicies().filter((x) => x.region.code === region && day >= x.collection.opens.value && day <= x.coverage.end.value);
        expect(p?.id).toBe(open[0]?.id);
        expect(open.length).toBeLessThanOrEqual(1);
      }
    }
  });
});
