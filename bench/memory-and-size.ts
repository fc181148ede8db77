// Resident memory after recording 1M calls (the write queue must stay bounded), and the
// store size per 1M calls without prompt text, on SQLite (and PostgreSQL when reachable).
// Run: npx tsx --conditions=@observatory/source bench/memory-and-size.ts [calls]
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { createTestDatabase, isPostgresAvailable } from '@observatory/core/test';
import { benchCall, formatNumber, tempDir, yieldToLoop } from './bench-utils.js';

const total = Number(process.argv[2] ?? 1_000_000);
const MB = 1024 * 1024;

async function fill(
  databaseUrl: string,
): Promise<{ peakRssMb: number; finalRssMb: number; maxPending: number; seconds: number }> {
  const obs = new Observatory({ databaseUrl, projectName: 'bench', capturePrompts: false, flushOnExit: false });
  const sessions = Array.from({ length: 1000 }, (_, i) => obs.startSession(`workflow-${i % 10}`));
  let peakRss = 0;
  let maxPending = 0;
  const start = performance.now();
  // Spread over 30 days, as a month of traffic would be.
  const t0 = Date.now() - 30 * 86_400_000;
  for (let i = 0; i < total; i++) {
    obs.recordCall({
      ...benchCall(i, sessions[i % sessions.length].id),
      timestamp: new Date(t0 + Math.floor((i / total) * 30 * 86_400_000)),
    });
    if (i % 1000 === 999) {
      await yieldToLoop();
      const { pending } = obs.stats();
      maxPending = Math.max(maxPending, pending);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      // An app cannot produce calls faster than it makes them; pace like a busy one would.
      while (obs.stats().pending > 100_000) await new Promise((r) => setTimeout(r, 5));
    }
  }
  for (const session of sessions) await obs.endSession(session, { success: true });
  // Up to 100k calls are still queued: PostgreSQL writes them at ~7k/s here, past flush's
  // default 15 s wait (which then moves them to the disk spool and the count comes up short).
  await obs.flush({ timeoutMs: 600_000 });
  const seconds = (performance.now() - start) / 1000;
  const stats = obs.stats();
  if (stats.written !== total || stats.dropped !== 0)
    throw new Error(`written ${stats.written}, dropped ${stats.dropped}`);
  await obs.close();
  globalThis.gc?.();
  return { peakRssMb: peakRss / MB, finalRssMb: process.memoryUsage().rss / MB, maxPending, seconds };
}

console.log(`${formatNumber(total, 0)} calls, no prompt text, 1,000 sessions, 30 days:`);
const sqlitePath = join(tempDir('size'), 'size.db');
const sqlite = await fill(sqlitePath);
const sqliteBytes = statSync(sqlitePath).size + (statSync(`${sqlitePath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
console.log(
  `sqlite    ${formatNumber(sqlite.seconds)} s; peak RSS ${formatNumber(sqlite.peakRssMb, 0)} MB, max queue ${formatNumber(sqlite.maxPending, 0)}; store ${formatNumber((sqliteBytes / MB) * (1_000_000 / total), 1)} MB per 1M calls (target ≤ 150 MB, issue 13; from fewer calls this counts their 30 days of rollups more than once)`,
);

if (await isPostgresAvailable()) {
  const db = await createTestDatabase('postgres');
  try {
    const result = await fill(db.url);
    const reader = new Observatory({ databaseUrl: db.url, flushOnExit: false });
    const store = await reader.storage.store();
    const [row] = (
      await store.em
        .getKnex()
        .raw(
          `select sum(pg_total_relation_size(c.oid))::bigint as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
        )
    ).rows;
    await reader.close();
    console.log(
      `postgres  ${formatNumber(result.seconds)} s; peak RSS ${formatNumber(result.peakRssMb, 0)} MB, max queue ${formatNumber(result.maxPending, 0)}; store ${formatNumber((Number(row.bytes) / MB) * (1_000_000 / total), 1)} MB per 1M calls`,
    );
  } finally {
    await db.drop();
  }
}
