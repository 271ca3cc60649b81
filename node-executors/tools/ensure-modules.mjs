// Installs a Node executor's packages from its lockfile, once per lockfile: `npm ci` when node_modules is
// missing or the lockfile changed since the last install (a stamp in node_modules holds its hash).
// Run in the package's folder: node ../tools/ensure-modules.mjs
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const lockfile = 'package-lock.json';
const stamp = 'node_modules/.benchapp-lock.sha256';

if (!existsSync(lockfile)) {
  console.error(`${process.cwd()}: ${lockfile} is missing; a Node executor installs from its lockfile only.`);
  process.exit(1);
}
const hash = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('node_modules up to date: the stamp matches the lockfile');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) {
  console.error(`npm ci failed (exit ${result.status ?? result.signal}).`);
  process.exit(result.status || 1);
}
writeFileSync(stamp, hash + '\n');
console.log('installed from the lockfile');
