/**
 * The dashboard's first requests after `observatory serve` starts, on an existing store:
 * a fresh server process (the built CLI), then every request the eight pages make, once
 * each (first request), and once more (second request). Targets (issue 11): every first
 * request ≤ 1 s on a 1M-call store, SQLite and PostgreSQL.
 *
 *   pnpm run build && npx tsx --conditions=@observatory/source bench/dashboard-cold-start.ts --db PATH|postgresql://…
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Observatory } from '@observatory/core';
import { DASHBOARD_ENDPOINTS, requestEndpoint } from './dashboard-endpoints.js';
import { readFlags } from './read-flags.js';

const databaseUrl = readFlags().text('db');
if (!databaseUrl) throw new Error('--db is required: the store to serve');
const cli = fileURLToPath(new URL('../dashboard/dist/cli.js', import.meta.url));

// The newest call's id, for GET /api/calls/:id (read before the server starts, so it stays cold).
const reader = new Observatory({ databaseUrl, flushOnExit: false });
const [newest] = await reader.storage.getLlmCalls({ limit: 1 });
const stats = await reader.storage.getStoreStats();
await reader.close();

const started = performance.now();
const server = spawn(process.execPath, [cli, 'serve', '--db', databaseUrl, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /dashboard on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  const listeningMs = performance.now() - started;
  const first = new Map<string, number>();
  for (const endpoint of DASHBOARD_ENDPOINTS) first.set(endpoint, await requestEndpoint(url, endpoint, newest?.id));
  const second = new Map<string, number>();
  for (const endpoint of DASHBOARD_ENDPOINTS) second.set(endpoint, await requestEndpoint(url, endpoint, newest?.id));
  const lines = [
    `Store: ${databaseUrl.replace(/\/\/[^@]*@/, '//')} — ${stats.calls.toLocaleString('en-US')} calls, ${stats.sessions.toLocaleString('en-US')} sessions`,
    `Listening ${listeningMs.toFixed(0)} ms after the process started`,
    '',
    '| endpoint | first request (ms) | second (ms) |',
    '| --- | ---: | ---: |',
    ...DASHBOARD_ENDPOINTS.map((e) => `| \`${e}\` | ${first.get(e)?.toFixed(1)} | ${second.get(e)?.toFixed(1)} |`),
  ];
  const worst = Math.max(...first.values());
  lines.push('', `Slowest first request: ${worst.toFixed(0)} ms (target ≤ 1,000 ms)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = worst <= 1000 ? 0 : 1;
} finally {
  server.kill('SIGINT');
}
