// Installs a Node executor's packages from its lockfile, once per lockfile: `npm ci` when node_modules is
// missing or the lockfile changed since the last install (a stamp in node_modules holds its hash). Local
// packages it links (`file:../common`) are installed first the same way: npm links them without their own
// dependencies. Run in the package's folder: node ../tools/ensure-modules.mjs
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

function ensure(dir, seen = new Set()) {
  if (seen.has(dir)) return;
  seen.add(dir);
  const manifest = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8'));
  for (const spec of Object.values(manifest.dependencies ?? {})) {
    if (typeof spec === 'string' && spec.startsWith('file:')) ensure(resolve(dir, spec.slice('file:'.length)), seen);
  }
  const lockfile = resolve(dir, 'package-lock.json');
  const stamp = resolve(dir, 'node_modules/.benchapp-lock.sha256');
  if (!existsSync(lockfile)) {
    console.error(`${dir}: package-lock.json is missing; a Node executor installs from its lockfile only.`);
    process.exit(1);
  }
  const hash = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
    console.log(`${dir}: node_modules up to date (the stamp matches the lockfile)`);
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`${dir}: npm ci failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  writeFileSync(stamp, hash + '\n');
  console.log(`${dir}: installed from the lockfile`);
}

ensure(process.cwd());
