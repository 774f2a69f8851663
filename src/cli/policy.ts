/**
 * A county's next coverage year, prepared as data:
 *   npm run policy -- draft <region> <year> --from <region>-<year> [--out <file>]
 *   npm run policy -- check <file>
 * `draft` writes last year's data file with what the new notice must state left null; `check` says
 * what is still missing, which clauses cite last year's notice, and which values are refused —
 * exit code 1 while anything is left, 0 when the year could go on to preview and approval.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { checkDraft, draftFrom, type DraftCheck } from '../policies/draft';
import { allPolicies, policySource } from '../policies/registry';

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
  console.error('用法：npm run policy -- draft <地区代码> <年度> --from <地区代码-年度> [--out <文件>]\n      npm run policy -- check <文件>');
  return 2;
}

function main(args: string[]): number {
  const [command, ...rest] = args;
  if (command === 'draft') {
    const [region, year] = rest;
    const option = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
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
    const [file] = rest;
    if (!file) return usage();
    let draft: unknown;
    try {
      draft = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`无法读取 ${file}：${(e as Error).message}`);
      return 1;
    }
    return report(checkDraft(draft));
  }
  return usage();
}

process.exitCode = main(process.argv.slice(2));
