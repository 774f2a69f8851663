/**
 * npm run bench:app — the mini-program's budgets, measured on builds made here:
 *  - weapp main package size (the limit is 2 MB; our budget 350 KB, license notes not counted) and each subpackage;
 *  - H5 first render on loopback: from navigation to the home page showing what is on sale
 *    (its first data, not just a blank frame), median of 7 cold loads in headless Chromium.
 * Results are printed as Markdown for the README; nothing asserts a time.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from '../test/e2e/harness';

function bytes(path: string, skip?: string): number {
  if (statSync(path).isFile()) return path.endsWith('.LICENSE.txt') ? 0 : statSync(path).size;
  return readdirSync(path).reduce((sum, name) => (join(path, name) === skip ? sum : sum + bytes(join(path, name), skip)), 0);
}
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

process.stderr.write('building weapp and h5 …\n');
execFileSync('npm', ['run', '--silent', 'build:weapp'], { stdio: 'ignore' });
execFileSync('npm', ['run', '--silent', 'build:h5'], { stdio: 'ignore' });

const main = bytes('dist', join('dist', 'packages'));
const subpackages = readdirSync('dist/packages').map((name) => `${name} ${kb(bytes(join('dist/packages', name)))}`);

const app = await startApp();
const renders: number[] = [];
try {
  for (let i = 0; i < 7; i++) {
    const page = await app.phone();
    const started = Date.now();
    await page.goto(app.base);
    await page.getByText('正在缴费').first().waitFor();
    renders.push(Date.now() - started);
    await page.context().close();
  }
} finally {
  await app.close();
}
renders.sort((a, b) => a - b);

console.log('| budget | measured | limit |');
console.log('|---|---:|---:|');
console.log(`| weapp main package | ${kb(main)} | 350 KB |`);
console.log(`| weapp subpackages | ${subpackages.join(', ')} | 2 MB each |`);
console.log(`| H5 first render with data, loopback (median of 7; min–max) | ${renders[3]} ms (${renders[0]}–${renders[6]}) | 1000 ms |`);
