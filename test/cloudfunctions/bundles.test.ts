/** Each cloud function bundles on its own and loads without reaching the network (the wiring is built on first call). */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { functionEvents } from '../../src/contracts/functions';

const root = new URL('../../cloudfunctions/', import.meta.url).pathname;
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('cloudfunctions/', () => {
  it('has a folder for every function of the contract, plus the two notices and reconcile', () => {
    expect(folders).toEqual([...Object.keys(functionEvents), 'payNotify', 'voucherNotify', 'reconcile'].sort());
    for (const name of folders) {
      const pkg = JSON.parse(readFileSync(`${root}${name}/package.json`, 'utf8'));
      expect(pkg).toMatchObject({ name, main: 'index.js', dependencies: { '@cloudbase/node-sdk': expect.any(String) } });
    }
  });

  it('bundles each function into one index.js that exports main', () => {
    execFileSync(process.execPath, ['config/build-functions.mjs'], { stdio: 'pipe' });
    const require = createRequire(import.meta.url);
    for (const name of folders) {
      const bundle = `${root}${name}/index.js`;
      expect(existsSync(bundle)).toBe(true);
      expect(typeof require(bundle).main).toBe('function');
    }
  }, 60_000);
});
