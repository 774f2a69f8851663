/**
 * The demo county `npm start` seeds on first run: households in all five seed regions that
 * exercise the rules — age and identity subsidies, rebates, a soldier leaving, newborns, non-local
 * families, students, employee-insured members, a migrant worker, an employee-insurance lapse —
 * and in the fictional 示范县 (on sale today): continuous and claim-free members, breaks of 1, 2
 * and 5 years (with the repair that shortens them), exempt members and a newborn across the year.
 * Every name and number is made up; the ID numbers carry valid check digits.
 */
import { checkCharacter } from '../core/id-number';
import type { IdentityCode } from '../core/vocabulary';
import type { HouseholdSeed, MemberSeed } from './seed';

// The demo region 示范县 is fictional: its residents carry Beijing 东城区 numbers (as QUOTE_API.md's example).
const REGION = { tengzhou: '370481', qixian: '341302', huining: '620422', zhaoqing: '441202', dingtao: '371703', demo: '110101' } as const;
let serial = 0;

function id(region: keyof typeof REGION, birth: string, female = false): string {
  serial += 1;
  const seq = String((serial * 2 + (female ? 0 : 1)) % 1000).padStart(3, '0');
  const first17 = `${REGION[region]}${birth.replaceAll('-', '')}${seq}`;
  return first17 + checkCharacter(first17);
}

function member(region: keyof typeof REGION, name: string, birth: string, extra: Partial<MemberSeed> = {}, female = false): MemberSeed {
  return { idNumber: id(region, birth, female), name, ...extra };
}

/** A department's list entries for a person (民政, 乡村振兴, 残联 …). */
const civil = (department: string, ...codes: IdentityCode[]) => codes.map((identity) => ({ identity, department }));

export function demoCounty(): HouseholdSeed[] {
  serial = 0;
  return [
    {
      householdId: 'TZ-0001', region: 'tengzhou', unit: '北辛街道',
      members: [
        member('tengzhou', '张德明', '1955-03-12'),
        member('tengzhou', '刘桂兰', '1957-08-20', { identities: civil('民政', 'dibao') }, true),
        member('tengzhou', '张伟', '1984-01-15'),
        member('tengzhou', '陈静', '1986-05-30', { employeeInsured: true }, true),
        member('tengzhou', '张子涵', '2015-09-09', {}, true),
      ],
    },
    {
      householdId: 'TZ-0002', region: 'tengzhou', unit: '荆河街道',
      members: [
        member('tengzhou', '周建华', '1988-02-02', { hukou: 'nonlocal', residencePermit: true }),
        member('tengzhou', '周可可', '2017-06-01', { hukou: 'nonlocal' }, true),
        member('tengzhou', '吴海', '1990-11-11', { hukou: 'nonlocal' }),
      ],
    },
    {
      householdId: 'TZ-0003', region: 'tengzhou', unit: '鲍沟镇',
      members: [
        member('tengzhou', '孙福贵', '1948-12-01'),
        member('tengzhou', '孙小雨', '2012-04-18', { identities: civil('民政', 'orphan') }, true),
        member('tengzhou', '孙强', '2003-07-07', { school: true }),
        member('tengzhou', '马翠花', '1970-10-10', { identities: civil('残联', 'disabled_severe') }, true),
      ],
    },
    {
      householdId: 'QX-0001', region: 'qixian', unit: '蕲县村',
      members: [
        member('qixian', '王建国', '1980-03-03', { identities: civil('民政', 'dibao') }),
        member('qixian', '李秀英', '1982-04-04', {}, true),
        member('qixian', '王老汉', '1940-05-05', { identities: civil('民政', 'tekun') }),
        member('qixian', '王小军', '1985-06-06', { employeeInsured: true }),
      ],
    },
    {
      householdId: 'QX-0002', region: 'qixian', unit: '邱元村',
      members: [
        member('qixian', '赵春生', '1979-01-20', { migrantWorker: true }),
        member('qixian', '钱红梅', '1981-02-14', { identities: civil('乡村振兴', 'poverty_exited_stable') }, true),
        member('qixian', '赵明', '1995-09-01', { employeeHistory: { continuousYears: 3, endedOn: '2021-12-31' } }),
        member('qixian', '赵亮', '1999-03-15', { dischargedOn: '2021-12-20' }),
        member('qixian', '赵佳', '2005-05-05', { school: true, identities: civil('乡村振兴', 'poverty_monitored') }, true),
      ],
    },
    {
      householdId: 'HN-0001', region: 'huining', unit: '会师镇',
      members: [
        member('huining', '马有福', '1968-04-04', { identities: civil('乡村振兴', 'poverty_registered') }),
        member('huining', '马秀兰', '1970-06-06', { identities: civil('民政', 'dibao_rural_class1') }, true),
        member('huining', '马军', '1998-08-08', { military: true, leavesOn: '2021-06-30' }),
        member('huining', '马小宝', '2020-10-20'),
      ],
    },
    {
      householdId: 'ZQ-0001', region: 'zhaoqing', unit: '端州区',
      members: [
        member('zhaoqing', '梁志强', '1976-07-07'),
        member('zhaoqing', '何美玲', '1979-09-19', { identities: civil('民政', 'tekun') }, true),
        { idNumber: (() => { const f = '81000019880808004'; return f + checkCharacter(f); })(), name: '陈家明' },
      ],
    },
    {
      householdId: 'DT-0001', region: 'dingtao', unit: '天中街道',
      members: [
        member('dingtao', '赵大海', '1975-07-07'),
        member('dingtao', '钱小红', '1978-08-08', { identities: civil('民政', 'dibao') }, true),
        member('dingtao', '赵小宝', '2023-08-31'),
        member('dingtao', '赵奶奶', '1945-01-01', { identities: civil('民政', 'tekun') }, true),
      ],
    },
    ...demoRegion(),
  ];
}

const insured = (from: number, to: number) => ({ enrolledYears: Array.from({ length: to - from + 1 }, (_, i) => from + i) });

/** 示范县 (demo-2026, demo-2027): one household per case of the national layer. */
function demoRegion(): HouseholdSeed[] {
  return [
    {
      householdId: 'SF-0001', region: 'demo', unit: '示范镇东村',
      members: [
        member('demo', '郑建国', '1975-04-12', { ...insured(2012, 2026), claimFreeLastYear: true }),
        member('demo', '冯秀英', '1977-09-03', insured(2012, 2026), true),
        member('demo', '郑小满', '2026-11-10', { enrolledYears: [] }, true),
      ],
    },
    {
      householdId: 'SF-0002', region: 'demo', unit: '示范镇西村',
      members: [
        member('demo', '孙立', '1980-03-07', insured(2019, 2024)),
        member('demo', '褚丽', '1982-06-18', insured(2015, 2025), true),
        member('demo', '孙福', '1950-02-02', insured(2010, 2021)),
      ],
    },
    {
      householdId: 'SF-0003', region: 'demo', unit: '示范镇南村',
      members: [
        member('demo', '卫大山', '1962-05-05', { ...insured(2015, 2023), identities: civil('民政', 'dibao') }),
        member('demo', '卫小燕', '2013-08-08', { ...insured(2014, 2026), identities: civil('民政', 'orphan') }, true),
        member('demo', '蒋红', '1990-10-10', { ...insured(2016, 2026), identities: civil('乡村振兴', 'poverty_monitored') }, true),
        member('demo', '蒋从未', '1995-01-01', { enrolledYears: [] }),
      ],
    },
    {
      householdId: 'SF-0004', region: 'demo', unit: '示范镇北村',
      members: [
        member('demo', '沈明', '1986-12-12', { ...insured(2010, 2026), employeeHistory: { continuousYears: 9, endedOn: '2026-10-31' } }),
        member('demo', '韩梅', '1988-03-03', { hukou: 'nonlocal', residencePermit: true }, true),
        // No residence permit here: the counter, with its address, phone and hours.
        member('demo', '韩守田', '1958-06-06', { hukou: 'nonlocal' }),
      ],
    },
  ];
}
