/**
 * The dashboard API under concurrent load on loopback while ingest runs: N clients loop
 * over the endpoints the pages call for a fixed time while a writer records calls at a
 * steady rate into the same store. Reports errors and p50/p95/p99 latency.
 *
 *   npx tsx --conditions=@observatory/source bench/dashboard-load.ts [--db PATH|postgresql://…] [--calls 100000] [--clients 16] [--seconds 30] [--ingest 200]
 *
 * Without --db a SQLite store is seeded with --calls calls of demo history over 14 days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { startServer } from '@observatory/dashboard';
import { fillDemoHistory } from '@observatory/examples/demo';
import { benchCall, formatNumber, quantile } from './bench-utils.js';
import { DASHBOARD_ENDPOINTS } from './dashboard-endpoints.js';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const calls = flags.int('calls', 1, 10_000_000, 100_000);
const clients = flags.int('clients', 1, 256, 16);
const seconds = flags.int('seconds', 1, 3600, 30);
const ingestPerSecond = flags.int('ingest', 0, 100_000, 200);

const given = flags.text('db');
const dir = given ? null : mkdtempSync(join(tmpdir(), 'observatory-bench-load-'));
const databaseUrl = given ?? join(dir as string, 'load.db');
if (!given) {
  process.stderr.write(`Seeding ${formatNumber(calls, 0)} demo calls…\n`);
  await fillDemoHistory({ databaseUrl, calls, days: 14 });
}
const storeCalls = await (async () => {
  const reader = new Observatory({ databaseUrl, flushOnExit: false });
  try {
    return (await reader.storage.getStoreStats()).calls;
  } finally {
    await reader.close();
  }
})();
// Each client walks the pages' requests (GET only; :id is the newest call).
const ENDPOINTS = DASHBOARD_ENDPOINTS.filter((e) => !e.startsWith('POST ') && !e.includes(':id'));
const server = await startServer({ databaseUrl, port: 0, webRoot: null, token: null });
const writer = new Observatory({ databaseUrl, projectName: 'load-ingest', flushIntervalMs: 200, flushOnExit: false });

// Earlier runs' calls stay in the store: count what this run adds.
const storedBefore = await server.observatory.storage.countLlmCalls({ projectName: 'load-ingest' });
let ingested = 0;
const ingestTimer = setInterval(() => {
  for (let i = 0; i < ingestPerSecond / 10; i++) writer.recordCall(benchCall(ingested++));
}, 100);

const latencies = new Map<string, number[]>();
const errors: string[] = [];
const deadline = Date.now() + seconds * 1000;
async function client(offset: number): Promise<void> {
  for (let i = offset; Date.now() < deadline; i++) {
    const path = ENDPOINTS[i % ENDPOINTS.length];
    const started = performance.now();
    try {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      if (response.status !== 200) errors.push(`${path} → ${response.status}`);
    } catch (error) {
      errors.push(`${path} → ${error instanceof Error ? error.message : String(error)}`);
    }
    const list = latencies.get(path) ?? [];
    list.push(performance.now() - started);
    latencies.set(path, list);
  }
}
await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
clearInterval(ingestTimer);
await writer.close();
const stored = (await server.observatory.storage.countLlmCalls({ projectName: 'load-ingest' })) - storedBefore;
await server.close();
if (dir) rmSync(dir, { recursive: true, force: true });

const all = [...latencies.values()].flat().sort((a, b) => a - b);
console.log(
  `${clients} concurrent clients for ${seconds} s on loopback, ingest ${ingestPerSecond} calls/s, store of ${formatNumber(storeCalls, 0)} calls:`,
);
console.log(
  `  ${formatNumber(all.length, 0)} requests (${formatNumber(all.length / seconds, 0)}/s), errors ${errors.length}; latency p50 ${formatNumber(quantile(all, 0.5), 1)} ms, p95 ${formatNumber(quantile(all, 0.95), 1)} ms, p99 ${formatNumber(quantile(all, 0.99), 1)} ms`,
);
console.log(`  ingested ${formatNumber(ingested, 0)} calls during the run, ${formatNumber(stored, 0)} stored`);
const slowest = [...latencies.entries()]
  .map(
    ([path, list]) =>
      [
        path,
        quantile(
          list.sort((a, b) => a - b),
          0.95,
        ),
      ] as const,
  )
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
console.log(`  slowest p95: ${slowest.map(([p, ms]) => `${p} ${formatNumber(ms, 1)} ms`).join(', ')}`);
if (errors.length > 0) console.log(`  first errors: ${errors.slice(0, 5).join('; ')}`);
if (errors.length > 0 || stored !== ingested) process.exit(1);
