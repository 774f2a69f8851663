/**
 * `npm start`'s build step: the H5 app is rebuilt only when what it is built from changed (a
 * rebuild takes 35–60 s on this kind of machine). The fingerprint — every file under src/ and
 * config/, the Babel config and the lockfile — is kept beside the build in dist-h5/.source-hash.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'config', 'babel.config.cjs', 'package-lock.json', 'tsconfig.json'];
const STAMP = join('dist-h5', '.source-hash');

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256');
for (const file of INPUTS.flatMap(files)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
const fingerprint = hash.digest('hex');

if (existsSync(join('dist-h5', 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) {
  console.log('H5 app unchanged since its last build: not rebuilt (dist-h5/)');
} else {
  execFileSync(process.execPath, ['node_modules/@tarojs/cli/bin/taro', 'build', '--type', 'h5'], { stdio: 'inherit' });
  writeFileSync(STAMP, fingerprint);
}
