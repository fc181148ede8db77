// False alarms on the demo's own history: the anomalies `GET /api/alerts/anomalies` gives over
// every model and agent series of a store filled by `observatory demo` (normal traffic: its
// daily and weekly rhythm, its crews' mixed calls and random provider incidents), per
// series-week judged (the detector judges hours once 14 days of history precede them), and the
// time the judgement took.
//   npx tsx --conditions=@observatory/source dashboard/src/cli.ts demo --db /tmp/demo28.db
//   npx tsx --conditions=@observatory/source bench/anomaly-demo-history.ts --db /tmp/demo28.db
import { Observatory } from '@observatory/core';
import { anomaliesOverRange, hourlySeries } from '../dashboard/src/server/alerts/measure-anomalies.js';
import { readFlags } from './read-flags.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HISTORY_DAYS_BEFORE_JUDGING = 14;

const flags = readFlags();
const databaseUrl = flags.text('db');
if (!databaseUrl) throw new Error('--db PATH: a store filled by `observatory demo --db PATH`');
const obs = new Observatory({ databaseUrl, flushOnExit: false });
try {
  const first = await obs.storage.getFirstDay();
  const { lastHour } = await obs.storage.getStoreStats();
  if (first === null || lastHour === null) throw new Error(`${databaseUrl} holds no calls`);
  // Up to the store's last hour with calls: the hours after it, while nothing writes to the
  // store, would read as calls dropping to none.
  const to = lastHour + HOUR_MS;
  const from = Math.ceil((first + HISTORY_DAYS_BEFORE_JUDGING * DAY_MS) / HOUR_MS) * HOUR_MS;
  const judgedWeeks = (to - from) / (7 * DAY_MS);
  console.log(`Demo history ${databaseUrl}: ${(judgedWeeks * 7).toFixed(1)} days judged`);
  for (const by of ['model', 'agent'] as const) {
    const series = await hourlySeries(obs.storage, by, undefined, from, to);
    const started = performance.now();
    const found = await anomaliesOverRange(obs.storage, by, undefined, from, to);
    const judgedMs = performance.now() - started;
    const kinds = new Map<string, number>();
    for (const anomaly of found) {
      const named = /(cost per call|tokens per call|median latency|p95 latency|error rate|cost|calls) /.exec(
        anomaly.reason,
      );
      const kind = named?.[1] ?? anomaly.metric;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const perSeriesWeek = found.length / (series.length * judgedWeeks);
    console.log(
      `by ${by}: ${found.length} flags on ${series.length} series, ${perSeriesWeek.toFixed(2)} per series-week (${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}), judged in ${judgedMs.toFixed(0)} ms`,
    );
  }
} finally {
  await obs.close();
}
