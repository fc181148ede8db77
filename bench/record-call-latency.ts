// recordCall cost to the caller: p50/p99 over 200k+ calls with the background writer
// running against a SQLite file. Calls are made in chunks with a yield between them, so
// the writer really runs (an app's LLM calls are never back to back).
// Run: npx tsx --conditions=@observatory/source bench/record-call-latency.ts [calls]
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Observatory } from '@observatory/core';
import { benchCall, formatNumber, quantile, tempDir, yieldToLoop } from './bench-utils.js';

const total = Number(process.argv[2] ?? 250_000);
const warmup = 20_000;
const chunk = 500;
const obs = new Observatory({
  databaseUrl: join(tempDir('record'), 'bench.db'),
  projectName: 'bench',
  capturePrompts: false,
  flushOnExit: false,
});
const session = obs.startSession('bench');

for (let i = 0; i < warmup; i++) obs.recordCall(benchCall(i, session.id));
await obs.flush();

// How long the host's event loop is held up meanwhile (libsql writes run on this thread).
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const samples = new Float64Array(total);
for (let i = 0; i < total; i++) {
  const start = process.hrtime.bigint();
  obs.recordCall(benchCall(i, session.id));
  samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  if (i % chunk === chunk - 1) {
    await yieldToLoop();
    // Keep the queue realistic: wait for the writer when it falls far behind.
    while (obs.stats().pending > 50_000) await new Promise((r) => setTimeout(r, 5));
  }
}
await obs.flush();
loopDelay.disable();
const stats = obs.stats();
await obs.close();

samples.sort();
const p50 = quantile(samples, 0.5);
const p99 = quantile(samples, 0.99);
console.log(
  `recordCall over ${formatNumber(total, 0)} calls (writer running, SQLite via ${process.env.OBSERVATORY_SQLITE_DRIVER ?? 'libsql'}):`,
);
console.log(
  `  event-loop delay while recording: p50 ${formatNumber(loopDelay.percentile(50) / 1e6)} ms, p99 ${formatNumber(loopDelay.percentile(99) / 1e6)} ms, max ${formatNumber(loopDelay.max / 1e6)} ms`,
);
console.log(
  `  p50 ${formatNumber(p50)} µs (target ≤ 5 µs)   p99 ${formatNumber(p99)} µs (target ≤ 50 µs)   max ${formatNumber(samples[samples.length - 1])} µs`,
);
console.log(`  written ${formatNumber(stats.written, 0)}, dropped ${stats.dropped}, rejected ${stats.rejected}`);
