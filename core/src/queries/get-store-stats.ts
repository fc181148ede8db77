import type { Knex } from '@mikro-orm/knex';
import type { StoreDialect } from '../store/store-dialect.js';
import { toNumber } from './filters.js';
import type { SessionDayCounts } from './session-day-counts.js';

/** Sizes of the store, for the dashboard's settings page. */
export interface StoreStats {
  /** From the rollups (exact, without counting call rows). */
  calls: number;
  sessions: number;
  rollupRows: number;
  /** Oldest and newest hour with calls (epoch ms), null when empty. */
  firstHour: number | null;
  lastHour: number | null;
}

/** Row counts of the store: rollup rows and sessions (by closed day, see SessionDayCounts), never call rows. */
export async function getStoreStats(
  knex: Knex,
  dialect: StoreDialect,
  sessionCounts: SessionDayCounts,
): Promise<StoreStats> {
  const [calls] = await knex('llm_call_rollups').select(
    knex.raw('coalesce(sum(calls), 0) as calls'),
    knex.raw('count(*) as rows'),
    knex.raw('min(hour_start) as first_hour'),
    knex.raw('max(hour_start) as last_hour'),
  );
  let sessions = 0;
  for (const tally of (await sessionCounts.count(knex, dialect, {})).values()) sessions += tally.sessions;
  return {
    calls: toNumber(calls?.calls),
    sessions,
    rollupRows: toNumber(calls?.rows),
    firstHour: calls?.first_hour == null ? null : toNumber(calls.first_hour),
    lastHour: calls?.last_hour == null ? null : toNumber(calls.last_hour),
  };
}
