// Bundles each cloud function (cloudfunctions/<name>/index.ts) into one index.js beside it, with
// everything it imports from src/ inlined: deploy tools drop symlinks, so nothing is shared by link.
// @cloudbase/node-sdk stays external: CloudBase installs it from the function's package.json and
// the package-lock.json written beside it here, cut from ours (the versions the tests ran).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { functionLockfile, readRootLock } from './function-lockfile.mjs';

const root = new URL('../cloudfunctions/', import.meta.url).pathname;
const names = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory());
await Promise.all(
  names.map((name) =>
    build({
      entryPoints: [join(root, name, 'index.ts')],
      outfile: join(root, name, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      legalComments: 'none',
      // Whitespace and syntax only (names kept for readable stack traces): a smaller file parses
      // faster on a cold start, and keeps every bundle well inside predeploy's 1 MB budget.
      minifyWhitespace: true,
      minifySyntax: true,
      keepNames: true,
      logLevel: 'warning',
    }),
  ),
);
const rootLock = readRootLock(new URL('../', import.meta.url));
for (const name of names) {
  const manifest = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8'));
  writeFileSync(join(root, name, 'package-lock.json'), functionLockfile(rootLock, manifest));
}
console.log(`bundled ${names.length} cloud functions: ${names.join(', ')}`);
