/**
 * npm run predeploy
 *
 * What a deployer runs before `tcb fn deploy`: bundles the functions, then checks
 * - each bundle requires only @cloudbase/node-sdk and Node's own modules, carries no WASM or
 *   PGlite, and stays within its size budget;
 * - cloudbaserc.json names every function folder and nothing else, with a runtime CloudBase offers,
 *   a timeout CloudBase allows, and exactly the secrets the function reads (secrets.ts);
 * - the secrets set in this shell (if any) are well-formed: PEM keys, the 32-byte APIv3 key, JSON;
 * then runs the bundles as CloudBase runs them (test/cloudfunctions/bundles.test.ts).
 * Exits non-zero with one line per problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECRETS_BY_FUNCTION, secretProblems, type SecretName } from '../src/server/cloudbase/secrets';
import { RECONCILE_TIMEOUT_MS } from '../src/server/cloudbase/entry';
import { functionLockfile, testedSdkVersion } from '../config/function-lockfile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const functionsDir = join(root, 'cloudfunctions');
/** A bundle is our code plus zod and decimal.js; the SDK is installed beside it by CloudBase. */
const BUNDLE_BUDGET = 1024 * 1024;
/** Node runtimes CloudBase offers for functions (its console list); bundles are built for node20. */
const RUNTIMES = ['Nodejs20.19', 'Nodejs18.15', 'Nodejs16.13'];
const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const rootLock = readFileSync(join(root, 'package-lock.json'), 'utf8');

/** Whether a CloudBase runtime ('Nodejs20.19') meets package.json's engines ('>=20.19'). */
function meetsEngines(runtime: string): boolean {
  const have = /^Nodejs(\d+)\.(\d+)$/.exec(runtime)?.slice(1).map(Number);
  const need = /^>=(\d+)\.(\d+)/.exec(engines)?.slice(1).map(Number);
  return !!have && !!need && (have[0]! > need[0]! || (have[0] === need[0] && have[1]! >= need[1]!));
}

function functionFolders(): string[] {
  return readdirSync(functionsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** Problems of the built bundles (run build:functions first). */
export function bundleProblems(): string[] {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return functionFolders().flatMap((name) => {
    const file = join(functionsDir, name, 'index.js');
    if (!existsSync(file)) return [`${name}: 没有 index.js（先运行 npm run build:functions）`];
    const source = readFileSync(file, 'utf8');
    const required = [...source.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
    const problems = [...new Set(required)].filter((r) => r !== '@cloudbase/node-sdk' && !builtins.has(r)).map((r) => `${name}: requires ${r}, which CloudBase does not install`);
    if (/\.wasm\b|@electric-sql\/pglite/.test(source)) problems.push(`${name}: carries WASM or PGlite (local mode only)`);
    if (statSync(file).size > BUNDLE_BUDGET) problems.push(`${name}: ${statSync(file).size} bytes, over the ${BUNDLE_BUDGET}-byte budget`);
    return [...problems, ...pinProblems(name)];
  });
}

/**
 * The SDK CloudBase installs is the one the tests ran: the folder's package.json names that exact
 * version, and its package-lock.json (written by build:functions from ours) holds the same tree.
 */
function pinProblems(name: string): string[] {
  const tested = testedSdkVersion(rootLock);
  const manifest = JSON.parse(readFileSync(join(functionsDir, name, 'package.json'), 'utf8')) as { name: string; version?: string; dependencies?: Record<string, string> };
  const pinned = manifest.dependencies?.['@cloudbase/node-sdk'];
  if (pinned !== tested) return [`${name}: package.json asks for @cloudbase/node-sdk ${pinned ?? '(none)'}, the tests ran ${tested}`];
  const lock = join(functionsDir, name, 'package-lock.json');
  if (!existsSync(lock)) return [`${name}: 没有 package-lock.json（先运行 npm run build:functions）`];
  if (readFileSync(lock, 'utf8') !== functionLockfile(rootLock, manifest)) return [`${name}: package-lock.json differs from the tested tree (run npm run build:functions)`];
  return [];
}

/** Problems of cloudbaserc.json against the folders and secrets.ts. */
export function manifestProblems(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as { functions: Array<{ name: string; runtime: string; timeout: number; envVariables?: Record<string, string> }> };
  const named = manifest.functions.map((f) => f.name).sort();
  const problems: string[] = [];
  const folders = functionFolders();
  for (const f of folders.filter((n) => !named.includes(n))) problems.push(`cloudbaserc.json: no entry for ${f}`);
  for (const f of named.filter((n) => !folders.includes(n))) problems.push(`cloudbaserc.json: ${f} has no folder`);
  for (const f of manifest.functions) {
    if (!RUNTIMES.includes(f.runtime)) problems.push(`${f.name}: runtime ${f.runtime} is not one of ${RUNTIMES.join(', ')}`);
    else if (!meetsEngines(f.runtime)) problems.push(`${f.name}: runtime ${f.runtime} does not meet engines ${engines} (package.json)`);
    if (!(f.timeout >= 1 && f.timeout <= 60)) problems.push(`${f.name}: timeout ${f.timeout} s is outside 1–60`);
    // reconcile stops starting orders by its own clock, which must be the manifest's.
    if (f.name === 'reconcile' && f.timeout * 1000 !== RECONCILE_TIMEOUT_MS) problems.push(`reconcile: timeout ${f.timeout} s but entry.ts plans for ${RECONCILE_TIMEOUT_MS / 1000} s`);
    const given = Object.keys(f.envVariables ?? {}).sort();
    const needed = [...(SECRETS_BY_FUNCTION[f.name] ?? [])].sort();
    if (given.join() !== needed.join()) problems.push(`${f.name}: envVariables ${given.join(', ') || '(none)'} but it reads ${needed.join(', ') || '(none)'}`);
  }
  return problems;
}

/** Problems of the secrets this shell has set (a deployer's values before they go to the console). */
export function shellSecretProblems(): string[] {
  const set = [...new Set(Object.values(SECRETS_BY_FUNCTION).flat())].filter((n) => process.env[n]) as SecretName[];
  return secretProblems(set);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  execFileSync(process.execPath, [join(root, 'config/build-functions.mjs')], { stdio: 'inherit' });
  const problems = [...bundleProblems(), ...manifestProblems(), ...shellSecretProblems()];
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log('✓ bundles, manifest and secrets; running the bundles as CloudBase runs them…');
  execFileSync(join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'local', 'test/cloudfunctions'], { stdio: 'inherit', cwd: root });
}
