/**
 * A county's next coverage year as a draft: last year's data file with every value the new notice
 * must state left `null` (the amounts, the dates, the clauses that carry them), and a check that
 * says, in Chinese, what is still missing, which clauses still cite last year's notice, and which
 * values the schema refuses. A draft with any of these cannot go on sale. (Storage, preview and
 * two-person approval build on this: see the county-publishing issue.)
 */
import { AGE_SUBSIDY_LABELS, IDENTITY_LABELS } from '../core/vocabulary';
import { describeIssue } from '../contracts/errors';
import { NO_COUNTER_DETAILS, policySchema, type Policy, type PolicyInput } from './schema';

type Json = Record<string, unknown>;
const TO_FILL = { value: null, cite: null };

/** Last year's values, kept beside the draft for the editor (ignored by the check). */
const LAST_YEAR_KEY = '$上年度';

/** What each part of the file is, for the bureau's editor (ignored by the check, like every "$" key). */
const FIELD_NOTES: Record<string, string> = {
  cite: '每个数值旁的 cite 写明它出自本年度通知的哪一条，如 "demo-2028 §个人缴费"（年度编号 + 条款）；数值为 null 的年度不能发布',
  notice: '本年度参保缴费通知：标题 title、文号 documentNo、印发日期 issuedOn（YYYY-MM-DD）',
  coverage: '待遇享受期：start、end（YYYY-MM-DD）',
  standard: '个人缴费标准，元，两位小数（如 "400.00"）',
  fiscalPerCapita: '财政补助标准，元；通知未写明时整项为 null',
  collection: '集中参保缴费期：opens、closes（YYYY-MM-DD）',
  extensions: '延长缴费期：对哪些人、到哪一天、依据哪一条',
  subsidies: '资助：按身份（identity）或按年龄（code）的对象，每类的资助金额 amount（元）和条款 cite',
  newborn: '新生儿：参保期限 window.length（unit 为 days 天或 months 月）及期限内、期限后待遇从何时开始；bothYears：通知允许出生跨两个年度的新生儿缴纳两个年度时，写该条款，否则 null',
  counterOffice: '经办窗口的名称（居民须到窗口时看到的文字）',
  counter: '经办窗口的地址 address、电话 phone、办公时间 hours、须携带的材料 bring、能否由亲属代办 relativeMayGo，以及出自通知哪一条 cite；通知未写明的留 null（居民看到“本地通知未载明”和12393）',
  national: '国家层面（国办发〔2024〕38号）：等待期，本地区免等待期人员 waiting.exempt.identities，大病保险激励金额 incentive（不知道的金额留 null，显示“按当地规定”）',
  targets: '各乡镇（街道）或村的征缴目标任务人数',
};
const NOTES_KEY = '$字段说明';

/** `from` (a published year's data file) as the draft of `year`: what changes every year is emptied. */
export function draftFrom(from: PolicyInput, year: number): Json {
  const source = JSON.parse(JSON.stringify(from)) as Json & PolicyInput;
  const region = (source.region as { code: string }).code;
  return {
    [NOTES_KEY]: FIELD_NOTES,
    [LAST_YEAR_KEY]: {
      id: source.id,
      coverage: source.coverage,
      standard: source.standard,
      fiscalPerCapita: source.fiscalPerCapita,
      collection: source.collection,
      subsidies: source.subsidies,
    },
    ...source,
    id: `${region}-${year}`,
    coverageYear: year,
    notice: { ...(source.notice as Json), title: null, documentNo: null, issuedOn: null },
    coverage: { start: TO_FILL, end: TO_FILL },
    standard: TO_FILL,
    fiscalPerCapita: source.fiscalPerCapita === null ? null : TO_FILL,
    collection: { opens: TO_FILL, closes: TO_FILL },
    // Extensions and targets are dated and counted per year: the new notice states them again.
    extensions: [],
    targets: null,
    // Kept from last year (an office rarely moves), every field present so the editor can fill it.
    counter: source.counter ?? NO_COUNTER_DETAILS,
    subsidies: (source.subsidies as Json[]).map((s) => ({ ...s, amount: null, cite: null })),
  };
}

export interface DraftCheck {
  /** Values still null that the new notice must give. */
  missing: string[];
  /** Clauses that still cite another year's notice of this region. */
  staleCites: string[];
  /** What the schema refuses, by path. */
  invalid: string[];
  /** The year as it would be sold, when nothing above is left. */
  policy: Policy | null;
}

const PLACES: Record<string, string> = {
  'notice.title': '通知标题',
  'coverage.start': '待遇期开始',
  'coverage.end': '待遇期结束',
  standard: '个人缴费标准',
  fiscalPerCapita: '财政补助标准',
  'collection.opens': '集中参保期开始',
  'collection.closes': '集中参保期结束',
};

function subsidyName(s: Json): string {
  const code = String(s.by === 'age' ? s.code : s.identity);
  return (IDENTITY_LABELS as Record<string, string>)[code] ?? (AGE_SUBSIDY_LABELS as Record<string, string>)[code] ?? code;
}

function missingOf(draft: Json): string[] {
  const missing: string[] = [];
  const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), draft);
  for (const [path, label] of Object.entries(PLACES)) {
    const v = at(path);
    if (path === 'notice.title') {
      if (v == null) missing.push(`${label}（${path}）`);
      continue;
    }
    // null as a whole: fiscalPerCapita a notice does not state, or a shape the schema refuses.
    if (!v || typeof v !== 'object') continue;
    if ((v as Json).value == null) missing.push(`${label}（${path}.value）`);
    if ((v as Json).cite == null) missing.push(`${label}的条款（${path}.cite）`);
  }
  ((draft.subsidies as Json[] | undefined) ?? []).forEach((s, i) => {
    // A subsidy the notice names without an amount stays null on purpose only with its clause.
    if (s.amount == null && s.cite == null) missing.push(`资助“${subsidyName(s)}”的金额和条款（subsidies.${i}）`);
    else if (s.cite == null) missing.push(`资助“${subsidyName(s)}”的条款（subsidies.${i}.cite）`);
  });
  return missing;
}

function staleCitesOf(draft: Json): string[] {
  const region = (draft.region as { code?: string } | undefined)?.code;
  const year = draft.coverageYear;
  if (!region) return [];
  const other = new RegExp(`\\b${region}-(\\d{4})\\b`);
  const found = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (key.startsWith('$')) return;
    if (Array.isArray(v)) v.forEach((x) => walk(x, ''));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && /cite$/i.test(key)) {
      const m = other.exec(v);
      if (m && Number(m[1]) !== year) found.add(v);
    }
  };
  walk(draft, '');
  return [...found];
}

/** Everything that keeps a draft off sale, said in Chinese; the parsed year when nothing does. */
export function checkDraft(draft: unknown): DraftCheck {
  if (!draft || typeof draft !== 'object' || Array.isArray(draft)) return { missing: [], staleCites: [], invalid: ['文件内容应为一个 JSON 对象'], policy: null };
  const missing = missingOf(draft as Json);
  const staleCites = staleCitesOf(draft as Json);
  if (missing.length > 0 || staleCites.length > 0) return { missing, staleCites, invalid: [], policy: null };
  const parsed = policySchema.safeParse(draft);
  if (parsed.success) return { missing, staleCites, invalid: [], policy: parsed.data };
  const invalid = parsed.error.issues.map((issue) => describeIssue({ issues: [issue] } as never));
  return { missing, staleCites, invalid, policy: null };
}
