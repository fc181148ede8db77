// 8 concurrent producers × 100k calls on one Observatory (each in its own withSession),
// on SQLite and PostgreSQL: exact counts and session totals afterwards.
// Run: npx tsx --conditions=@observatory/source bench/soak-producers.ts [callsPerProducer]
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { createTestDatabase, isPostgresAvailable } from '@observatory/core/test';
import { benchCall, formatNumber, tempDir } from './bench-utils.js';

const perProducer = Number(process.argv[2] ?? 100_000);
const producers = 8;

async function soak(databaseUrl: string, label: string): Promise<boolean> {
  const obs = new Observatory({ databaseUrl, projectName: 'soak', capturePrompts: false, flushOnExit: false });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: producers }, (_, p) =>
      obs.withSession(`producer-${p}`, async () => {
        for (let i = 0; i < perProducer; i++) {
          obs.recordCall(benchCall(i * producers + p));
          if (i % 500 === 499) {
            await new Promise((r) => setImmediate(r));
            while (obs.stats().pending > 150_000) await new Promise((r) => setTimeout(r, 5));
          }
        }
      }),
    ),
  );
  await obs.flush();
  const seconds = (performance.now() - start) / 1000;
  const total = producers * perProducer;
  const stored = await obs.storage.countLlmCalls({ projectName: 'soak' });
  const sessions = await obs.storage.getSessions({ projectName: 'soak' });
  const sessionCalls = sessions.reduce((s, x) => s + x.totalLlmCalls, 0);
  const overview = await obs.storage.getOverview({ projectName: 'soak' });
  const ok =
    stored === total &&
    sessionCalls === total &&
    overview.totalCalls === total &&
    sessions.every((s) => s.totalLlmCalls === perProducer);
  console.log(
    `${label.padEnd(8)} ${formatNumber(total, 0)} calls in ${formatNumber(seconds, 1)} s: stored ${formatNumber(stored, 0)}, session totals ${formatNumber(sessionCalls, 0)}, rollups ${formatNumber(overview.totalCalls, 0)}, dropped ${obs.stats().dropped} → ${ok ? 'exact' : 'MISMATCH'}`,
  );
  await obs.close();
  return ok;
}

let ok = await soak(join(tempDir('soak'), 'soak.db'), 'sqlite');
if (await isPostgresAvailable()) {
  const db = await createTestDatabase('postgres');
  try {
    ok = (await soak(db.url, 'postgres')) && ok;
  } finally {
    await db.drop();
  }
}
if (!ok) process.exit(1);
