/**
 * A county's next coverage year, prepared as data:
 *   npm run policy -- draft <region> <year> --from <region>-<year> [--out <file>]
 *   npm run policy -- check <file>
 *   npm run policy -- preview <file> --against <region>-<year> [--csv <out.csv>] < households.jsonl
 * `draft` writes last year's data file with what the new notice must state left null; `check` says
 * what is still missing, which clauses cite last year's notice, and which values are refused —
 * exit code 1 while anything is left, 0 when the year could go on to preview and approval.
 * `preview` quotes the county's households (quote-contract lines, as the roster export and the
 * synthetic county write them) under the year on sale and the draft, and says what changes.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { householdFacts, quoteRequestSchema } from '../contracts/quote';
import { readIdNumber } from '../core/id-number';
import { formatYuan, type Fen } from '../core/money';
import { checkDraft, draftFrom, type DraftCheck } from '../policies/draft';
import { nextYearFacts, Preview, type PreviewReport } from '../policies/preview';
import { PREVIEW_CSV_HEADER, previewCsvLine } from '../policies/preview-csv';
import { allPolicies, findPolicy, policySource } from '../policies/registry';
import type { Policy } from '../policies/schema';

function report(check: DraftCheck): number {
  const sections: Array<[string, string[]]> = [
    ['还缺少（本年度通知须写明）', check.missing],
    ['以下条款仍引用其他年度的通知，请按本年度通知改写', check.staleCites],
    ['以下内容不符合要求', check.invalid],
  ];
  for (const [title, lines] of sections) if (lines.length > 0) console.log(`${title}：\n${lines.map((l) => `  - ${l}`).join('\n')}`);
  if (check.policy) console.log(`${check.policy.id} 检查通过：可以进入预览和审批（发布前须由另一位经办人员审核）。`);
  return check.policy ? 0 : 1;
}

function usage(): number {
  console.error(
    '用法：npm run policy -- draft <地区代码> <年度> --from <地区代码-年度> [--out <文件>]\n      npm run policy -- check <文件>\n      npm run policy -- preview <文件> --against <地区代码-年度> [--csv <文件>] < 户.jsonl',
  );
  return 2;
}

/** A draft file, checked; null (said on the console) when it cannot be read. */
function checkFile(file: string): DraftCheck | null {
  try {
    return checkDraft(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    console.error(`无法读取 ${file}：${(e as Error).message}`);
    return null;
  }
}

/** The year a draft file would sell, or null with what keeps it from that said. */
function readDraft(file: string): Policy | null {
  const check = checkFile(file);
  if (check && !check.policy) report(check);
  return check?.policy ?? null;
}

const bornBy = (id: string, day: string) => {
  const read = readIdNumber(id);
  return !read.ok || read.facts.birthDate <= day;
};

const y = (fen: Fen | null) => (fen === null ? '' : formatYuan(fen));
const side = (s: { outcome: string; due: Fen | null }) => ({ outcome: s.outcome, due: s.due === null ? null : formatYuan(s.due) });

function printPreview(r: PreviewReport, skipped: ReadonlyMap<string, number>, current: Policy, draft: Policy) {
  const lines = [`${current.id} → ${draft.id}：${r.households} 户 ${r.persons} 人`];
  for (const [why, n] of skipped) lines.push(`  跳过 ${n} 户：${why}`);
  lines.push(`本年度个人缴费合计（不含补缴往年）：${y(r.before.personal)} → ${y(r.after.personal)} 元`);
  for (const source of new Set([...Object.keys(r.before.subsidies), ...Object.keys(r.after.subsidies)])) {
    lines.push(`资助（${source}）：${y(r.before.subsidies[source] ?? 0)} → ${y(r.after.subsidies[source] ?? 0)} 元`);
  }
  const group = (title: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    if (entries.length > 0) lines.push(`${title}：`, ...entries.map(([reason, n]) => `  ${reason}（${n} 人）`));
  };
  group('结果变化', r.outcomeChanges);
  group('金额变化', r.amountChanges);
  if (r.sample.length > 0) lines.push(`变化的户（前 ${r.sample.length} 户）：`);
  for (const h of r.sample) {
    for (const m of h.members) lines.push(`  ${h.ref} ${m.name}：${m.before.outcome} ${y(m.before.due)} → ${m.after.outcome} ${y(m.after.due)}（${m.reason}）`);
  }
  console.log(lines.join('\n'));
}

async function preview(file: string, againstId: string | undefined, csvPath: string | undefined): Promise<number> {
  const draft = readDraft(file);
  if (!draft) return 1;
  const current = againstId ? findPolicy(againstId) : undefined;
  if (!current || current.region.code !== draft.region.code) {
    console.error(`请用 --against 指明同一地区正在销售的年度，如 --against ${draft.region.code}-${draft.coverageYear - 1}`);
    return 2;
  }
  const csv = csvPath ? createWriteStream(csvPath) : null;
  csv?.write(`\ufeff${PREVIEW_CSV_HEADER}`);
  const p = new Preview(current, draft);
  const skipped = new Map<string, number>();
  const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      const request = quoteRequestSchema.parse(JSON.parse(line));
      // A child born after this year's first collection day is in next year's household only.
      const opens = current.collection.opens.value;
      const before = householdFacts(request.household.filter((m) => bornBy(m.id, opens)), opens);
      const after = nextYearFacts(householdFacts(request.household.filter((m) => bornBy(m.id, draft.collection.opens.value)), draft.collection.opens.value), current);
      const changes = p.add(String(request.ref ?? ''), before, after);
      if (!changes) skip('不在该年度的销售期内');
      for (const c of changes ?? []) csv?.write(previewCsvLine({ ...c, before: side(c.before), after: side(c.after) }));
    } catch (e) {
      // The line's own problem, said once per kind (e.g. a child born after the collection opens).
      skip(e instanceof SyntaxError ? '不是有效的 JSON' : (e as Error).message.replace(/^第\d+位成员/, '一位成员'));
    }
  }
  await new Promise((resolve) => (csv ? csv.end(resolve) : resolve(null)));
  printPreview(p.result(), skipped, current, draft);
  return 0;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const option = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
  if (command === 'preview') return rest[0] ? preview(rest[0], option('--against'), option('--csv')) : usage();
  if (command === 'draft') {
    const [region, year] = rest;
    const fromId = option('--from');
    if (!region || !year || !/^\d{4}$/.test(year) || !fromId) return usage();
    const from = policySource(fromId);
    if (!from) {
      console.error(`没有已发布的“${fromId}”，可用的有：${allPolicies().map((p) => p.id).join('、')}`);
      return 1;
    }
    if (from.region.code !== region) {
      console.error(`“${fromId}”不是地区 ${region} 的年度`);
      return 1;
    }
    const out = option('--out') ?? `${region}-${year}.draft.json`;
    const draft = draftFrom(from, Number(year));
    writeFileSync(out, `${JSON.stringify(draft, null, 2)}\n`);
    console.log(`已写入 ${out}（以 ${fromId} 为底稿；“$上年度”一栏只供对照）。`);
    report(checkDraft(draft));
    return 0;
  }
  if (command === 'check') {
    const check = rest[0] ? checkFile(rest[0]) : undefined;
    if (check === undefined) return usage();
    return check ? report(check) : 1;
  }
  return usage();
}

process.exitCode = await main(process.argv.slice(2));
