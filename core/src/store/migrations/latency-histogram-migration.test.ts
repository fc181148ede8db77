import { describe, expect, it } from 'vitest';
import { latencyBucket } from '../../latency-buckets.js';
import { createTestObservatory, makeCall, testDatabases } from '../../test/index.js';

const HOUR_MS = 3_600_000;

describe.each(testDatabases())('migration 0018 (latency histograms on the rollup rows) on %s', (database) => {
  it('carries stored histograms into bucket columns and back, hourly and daily, with the same percentiles', async () => {
    const t = await createTestObservatory({ database });
    try {
      // Two models in two hours, latencies spread over several buckets.
      const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 48 * HOUR_MS;
      const latencies = [40, 180, 180, 900, 2_400, 9_000, 45_000];
      for (const [i, latencyMs] of latencies.entries()) {
        t.obs.recordCall(
          makeCall({
            modelName: i % 2 ? 'gpt-4o' : 'gpt-4o-mini',
            latencyMs,
            timestamp: new Date(hour + (i % 2) * HOUR_MS + i * 1000),
          }),
        );
      }
      await t.obs.flush();
      const store = await t.obs.storage.store();
      const knex = store.em.getKnex();
      const migrator = store.orm.getMigrator();
      const overview = await t.obs.storage.getOverview();
      const metricTotals = await t.obs.storage.getMetricTotals();
      const histogramOf = (model: string) => {
        const buckets = new Map<number, number>();
        latencies.forEach((latencyMs, i) => {
          if ((i % 2 ? 'gpt-4o' : 'gpt-4o-mini') !== model) return;
          buckets.set(latencyBucket(latencyMs), (buckets.get(latencyBucket(latencyMs)) ?? 0) + 1);
        });
        return buckets;
      };
      expect(new Map(metricTotals.map((m) => [m.model, m.latencyBuckets]))).toEqual(
        new Map([
          ['gpt-4o', histogramOf('gpt-4o')],
          ['gpt-4o-mini', histogramOf('gpt-4o-mini')],
        ]),
      );

      // Back to a row per key and bucket, in the hourly and the daily tables.
      await migrator.down({ to: '0017-call-texts-table' });
      expect(await knex.schema.hasColumn('llm_call_rollups', 'latency_bucket_0')).toBe(false);
      const rowsOf = async (table: string) =>
        (await knex(table).select('model_name', 'hour_start', 'bucket', 'calls'))
          .map((row: Record<string, unknown>) => ({
            model: row.model_name,
            hour: Number(row.hour_start),
            bucket: Number(row.bucket),
            calls: Number(row.calls),
          }))
          .sort((a, b) => `${a.model}${a.hour}${a.bucket}`.localeCompare(`${b.model}${b.hour}${b.bucket}`));
      const expected = (period: number) =>
        [...histogramOf('gpt-4o').entries()]
          .map(([bucket, calls]) => ({ model: 'gpt-4o', hour: hour + HOUR_MS, bucket, calls }))
          .concat(
            [...histogramOf('gpt-4o-mini').entries()].map(([bucket, calls]) => ({
              model: 'gpt-4o-mini',
              hour,
              bucket,
              calls,
            })),
          )
          .map((row) => ({ ...row, hour: Math.floor(row.hour / period) * period }))
          .sort((a, b) => `${a.model}${a.hour}${a.bucket}`.localeCompare(`${b.model}${b.hour}${b.bucket}`));
      expect(await rowsOf('llm_latency_rollups')).toEqual(expected(HOUR_MS));
      expect(await rowsOf('llm_latency_rollups_daily')).toEqual(expected(24 * HOUR_MS));

      // And up again: the same figures as before the round trip.
      await migrator.up();
      expect(await knex.schema.hasTable('llm_latency_rollups')).toBe(false);
      expect(await knex.schema.hasTable('llm_latency_rollups_daily')).toBe(false);
      expect(await t.obs.storage.getMetricTotals()).toEqual(metricTotals);
      const after = await t.obs.storage.getOverview();
      expect([after.p50LatencyMs, after.p95LatencyMs, after.p99LatencyMs]).toEqual([
        overview.p50LatencyMs,
        overview.p95LatencyMs,
        overview.p99LatencyMs,
      ]);
      expect(overview.p50LatencyMs).toBeGreaterThan(0);

      // A call written after the migration lands in its bucket column.
      t.obs.recordCall(makeCall({ modelName: 'gpt-4o', latencyMs: 900, timestamp: new Date(hour + HOUR_MS) }));
      await t.obs.flush();
      const gpt4o = (await t.obs.storage.getMetricTotals()).find((m) => m.model === 'gpt-4o');
      const bucket = latencyBucket(900);
      expect(gpt4o?.latencyBuckets.get(bucket)).toBe((histogramOf('gpt-4o').get(bucket) ?? 0) + 1);
    } finally {
      await t.cleanup();
    }
  });
});
