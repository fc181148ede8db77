#!/usr/bin/env node
// `npm start` / `npm test` on a machine with only Node and npm: install the workspace with
// the pnpm version pinned in package.json (through npx when pnpm is not installed), build
// it, then run the main job or the test suite. Re-running is cheap: pnpm skips an
// up-to-date install and `tsc -b` skips unchanged packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.replace('pnpm@', '');

function pnpmCommand() {
  try {
    const installed = execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (installed === pnpmVersion) return ['pnpm'];
  } catch {
    // not installed: fall through to npx
  }
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const [pnpm, ...pnpmArgs] = pnpmCommand();
const pnpmRun = (...args) => run(pnpm, [...pnpmArgs, ...args]);

const task = process.argv[2];
const rest = process.argv.slice(3);
pnpmRun('install', '--frozen-lockfile', '--prefer-offline');
pnpmRun('run', 'build');

if (task === 'test') {
  pnpmRun('run', 'lint');
  pnpmRun('exec', 'vitest', 'run', ...rest);
  // The store's tests once more on the classic sqlite3 driver (@mikro-orm/sqlite), which stays
  // supported next to the default libsql.
  if (rest.length === 0)
    run(pnpm, [...pnpmArgs, 'exec', 'vitest', 'run', 'core'], { OBSERVATORY_SQLITE_DRIVER: 'sqlite3' });
} else if (task === 'start') {
  pnpmRun('run', 'main', ...rest);
} else {
  console.error(`usage: node scripts/bootstrap.mjs start|test`);
  process.exit(2);
}
