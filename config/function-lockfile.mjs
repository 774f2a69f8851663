// A cloud function's package-lock.json, cut from the repository's own: @cloudbase/node-sdk and
// everything it pulls in, at the versions the tests ran (CloudBase installs from it on deploy).
import { readFileSync } from 'node:fs';

const SDK = '@cloudbase/node-sdk';

/** Where Node would find `name` from the package at `from` (a lockfile path), or null. */
function resolve(packages, from, name) {
  for (let at = from; ; ) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!at) return null;
    const up = at.lastIndexOf('/node_modules/');
    at = up < 0 ? '' : at.slice(0, up);
  }
}

/** The lockfile for a function whose package.json is `manifest`, from the root lockfile's text. */
export function functionLockfile(rootLockText, manifest) {
  const packages = JSON.parse(rootLockText).packages;
  const kept = {};
  const todo = [resolve(packages, '', SDK)];
  if (!todo[0]) throw new Error(`${SDK} is not in package-lock.json: run npm install`);
  while (todo.length > 0) {
    const path = todo.pop();
    if (kept[path]) continue;
    const { dev, devOptional, ...entry } = packages[path];
    void dev, void devOptional;
    kept[path] = entry;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolve(packages, path, name);
      if (found) todo.push(found);
      else if (!entry.optionalDependencies?.[name]) throw new Error(`${name} (needed by ${path}) is not in package-lock.json`);
    }
  }
  const sorted = Object.fromEntries(Object.keys(kept).sort().map((k) => [k, kept[k]]));
  const root = { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies };
  return `${JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: { '': root, ...sorted } }, null, 2)}\n`;
}

/** The SDK version the repository installed and tested. */
export function testedSdkVersion(rootLockText) {
  return JSON.parse(rootLockText).packages[`node_modules/${SDK}`]?.version ?? null;
}

export const readRootLock = (rootDir) => readFileSync(new URL('package-lock.json', rootDir), 'utf8');
