import type { Knex } from '@mikro-orm/knex';
import { toNumber } from './filters.js';

/** Sizes of the store, for the dashboard's settings page. */
export interface StoreStats {
  /** From the rollups (exact, without counting call rows). */
  calls: number;
  sessions: number;
  rollupRows: number;
  latencyRollupRows: number;
  /** Oldest and newest hour with calls (epoch ms), null when empty. */
  firstHour: number | null;
  lastHour: number | null;
}

/** Row counts of the store. Counts sessions and rollup rows, never call rows. */
export async function getStoreStats(knex: Knex): Promise<StoreStats> {
  const [calls] = await knex('llm_call_rollups').select(
    knex.raw('coalesce(sum(calls), 0) as calls'),
    knex.raw('count(*) as rows'),
    knex.raw('min(hour_start) as first_hour'),
    knex.raw('max(hour_start) as last_hour'),
  );
  const [sessions] = await knex('sessions').count({ n: '*' });
  const [latency] = await knex('llm_latency_rollups').count({ n: '*' });
  return {
    calls: toNumber(calls?.calls),
    sessions: toNumber(sessions?.n),
    rollupRows: toNumber(calls?.rows),
    latencyRollupRows: toNumber(latency?.n),
    firstHour: calls?.first_hour == null ? null : toNumber(calls.first_hour),
    lastHour: calls?.last_hour == null ? null : toNumber(calls.last_hour),
  };
}
