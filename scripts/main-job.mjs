#!/usr/bin/env node
// The main job (`npm start` after install and build): fill ./observatory.db with demo history
// the first time, then serve the dashboard on it and keep the example crews running live (a
// session every few seconds), so Live, auto-refresh and alerts show activity from the start.
//
//   npm start -- [--no-live] [--every 5s] [--calls N] [--days N] [serve options such as --port 4000]
//
// --no-live serves the history alone; --every sets how often a live session starts; --calls
// and --days set the size and span of the history written into an empty store (default
// 50,000 calls over 28 days).
// OBSERVATORY_DATABASE_URL / DATABASE_URL pick another store.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Observatory } from '@observatory/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dashboard', 'dist', 'cli.js');

const { values, tokens } = parseArgs({
  options: {
    'no-live': { type: 'boolean' },
    every: { type: 'string' },
    calls: { type: 'string' },
    days: { type: 'string' },
  },
  strict: false,
  tokens: true,
});
// Everything that is not one of the main job's own flags goes to `observatory serve`.
const own = new Set(['no-live', 'every', 'calls', 'days']);
const serveArgs = tokens.flatMap((token) => {
  if (token.kind === 'option' && own.has(token.name)) return [];
  if (token.kind === 'option') return token.value === undefined ? [token.rawName] : [token.rawName, token.value];
  return token.kind === 'positional' ? [token.value] : [];
});

const obs = new Observatory({ flushOnExit: false });
const existing = await obs.storage.countLlmCalls();
await obs.close();

if (existing === 0) {
  const size = [...(values.calls ? ['--calls', values.calls] : []), ...(values.days ? ['--days', values.days] : [])];
  const demo = spawnSync(process.execPath, [cli, 'demo', ...size], { cwd: root, stdio: 'inherit' });
  if (demo.status !== 0) process.exit(demo.status ?? 1);
} else {
  console.log(`${existing.toLocaleString('en-US')} calls already in the store; skipping the demo history.`);
}

const children = [spawn(process.execPath, [cli, 'serve', ...serveArgs], { cwd: root, stdio: 'inherit' })];
if (!values['no-live']) {
  const every = values.every ?? '5s';
  children.push(
    spawn(process.execPath, [cli, 'demo', '--calls', '0', '--live', '--every', every], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  console.log(`The example crews keep running live (a session every ${every}); npm start -- --no-live turns that off.`);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
// The job ends with the server: stop the live crews then (they finish writing first).
const [server, ...others] = children;
server.on('exit', (code) => {
  for (const child of others) child.kill('SIGTERM');
  process.exitCode = code ?? 0;
});
server.on('error', (error) => {
  console.error(error);
  process.exitCode = 1;
});
