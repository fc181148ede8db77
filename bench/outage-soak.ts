// The database away for minutes: a throwaway PostgreSQL cluster is stopped while calls
// keep coming at a steady rate; resident memory and the spool are sampled, then the
// cluster is started again and every call must be in the store. Needs root (initdb).
// Run: npx tsx --conditions=@observatory/source bench/outage-soak.ts [downMinutes] [callsPerSecond]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { startThrowawayPostgres } from '@observatory/core/faults';
import { benchCall, formatNumber } from './bench-utils.js';

const downMinutes = Number(process.argv[2] ?? 3);
const perSecond = Number(process.argv[3] ?? 2000);
const MB = 1024 * 1024;

const pg = await startThrowawayPostgres();
const spoolDir = mkdtempSync(join(tmpdir(), 'observatory-soak-spool-'));
const obs = new Observatory({
  databaseUrl: pg.url,
  projectName: 'soak',
  spoolDir,
  flushOnExit: false,
  onError: () => {},
});
const session = obs.startSession('soak');
let recorded = 0;
const produceFor = async (seconds: number, onTick?: () => void) => {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const tickStart = Date.now();
    for (let i = 0; i < perSecond / 10; i++) obs.recordCall(benchCall(recorded++, session.id));
    onTick?.();
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tickStart))));
  }
};

let peakRss = 0;
let peakQueueInMemory = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const stats = obs.stats();
  peakQueueInMemory = Math.max(peakQueueInMemory, stats.pending - (stats.spooled - stats.written > 0 ? 0 : 0));
};
await produceFor(10, sample);
const rssBefore = process.memoryUsage().rss;
pg.stop();
const downStart = Date.now();
await produceFor(downMinutes * 60, sample);
const downSeconds = (Date.now() - downStart) / 1000;
const atRestart = obs.stats();
pg.start();
await produceFor(10, sample);
await obs.endSession(session, { success: true });
await obs.flush();
const stored = await obs.storage.countLlmCalls({ projectName: 'soak' });
const final = obs.stats();
await obs.close();
pg.destroy();
rmSync(spoolDir, { recursive: true, force: true });

console.log(`PostgreSQL away for ${formatNumber(downSeconds, 0)} s at ${formatNumber(perSecond, 0)} calls/s:`);
console.log(
  `  recorded ${formatNumber(recorded, 0)}, stored ${formatNumber(stored, 0)}, lost ${recorded - stored}, dropped ${final.dropped}`,
);
console.log(
  `  spooled while away ${formatNumber(atRestart.spooled, 0)} items; RSS before outage ${formatNumber(rssBefore / MB, 0)} MB, peak ${formatNumber(peakRss / MB, 0)} MB`,
);
if (stored !== recorded || final.dropped !== 0) process.exit(1);
