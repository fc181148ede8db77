#!/usr/bin/env node
// The main job (`npm start` after install and build): fill ./observatory.db with realistic
// demo history the first time, then serve the dashboard on it and print its URL.
// OBSERVATORY_DATABASE_URL / DATABASE_URL pick another store; extra arguments go to
// `observatory serve` (e.g. `npm start -- --port 4000`).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Observatory } from '@observatory/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dashboard', 'dist', 'cli.js');

const obs = new Observatory({ flushOnExit: false });
const existing = await obs.storage.countLlmCalls();
await obs.close();

function observatory(...args) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (existing === 0) observatory('demo');
else console.log(`${existing.toLocaleString('en-US')} calls already in the store; skipping the demo history.`);
observatory('serve', ...process.argv.slice(2));
