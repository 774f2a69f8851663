/**
 * npm run progress -- qixian-2022
 *
 * Collection progress of a coverage year against the notice's targets, per township or village,
 * from the running local server (npm start). Env: PORT (8787), YIBAO_OPERATOR (demo-operator).
 */
import process from 'node:process';

const policyId = process.argv[2];
if (!policyId) {
  console.error('用法：npm run progress -- qixian-2022');
  process.exit(2);
}

interface Unit {
  unit: string;
  target: number | null;
  enrolled: number;
  permille: number | null;
}

const res = await fetch(`http://127.0.0.1:${process.env.PORT ?? 8787}/api/progress`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Openid': process.env.YIBAO_OPERATOR ?? 'demo-operator' },
  body: JSON.stringify({ policyId }),
});
const envelope = (await res.json()) as { ok: boolean; data?: any; error?: { message: string } };
if (!envelope.ok) {
  console.error(envelope.error?.message);
  process.exit(1);
}
const p = envelope.data;
const percent = (u: Unit) => (u.permille === null ? '  —  ' : `${(u.permille / 10).toFixed(1).padStart(5)}%`);
const bar = (u: Unit) => (u.permille === null ? '' : '█'.repeat(Math.min(20, Math.floor(u.permille / 50))).padEnd(20, '░'));
console.log(`${p.region} ${p.coverageYear}年度 征缴进度（任务数依据：${p.targetCite ?? '通知未列任务数'}）`);
for (const u of [...p.units, p.total] as Unit[]) {
  console.log(`${u.unit.padEnd(8, '　')} ${String(u.enrolled).padStart(8)} / ${String(u.target ?? '—').padStart(8)}  ${percent(u)} ${bar(u)}`);
}
const v = p.vouchers;
console.log(`医保电子凭证激活 ${v.activated} / ${v.enrolled}${v.targetPercent === null ? '' : `（目标 ${v.targetPercent}%，${v.cite}）`}`);
