import type { Knex } from '@mikro-orm/knex';
import type { StoreDialect } from '../store/store-dialect.js';
import type { AggregateFilter } from './filters.js';
import { getLatencyPercentiles, type LatencyPercentiles, NO_PERCENTILES } from './get-latency-percentiles.js';
import { rollupRows } from './rollup-rows.js';
import type { SessionDayCounts } from './session-day-counts.js';
import { type CallTotals, selectSums, toCallTotals } from './sum-measures.js';

export interface Overview extends CallTotals, LatencyPercentiles {
  /** Sessions started in the range. */
  totalSessions: number;
  /** Sessions that ended with success=false. */
  failedSessions: number;
}

/** Summed measures over a filter (no percentiles, no sessions): the cheapest aggregate. */
export async function getTotals(knex: Knex, filter: AggregateFilter): Promise<CallTotals> {
  const [totalsRow] = await rollupRows(knex, 'calls', filter).select(selectSums(knex));
  return toCallTotals(totalsRow);
}

/** Headline KPIs for a project and time range, from rollups (never a scan of calls). */
export async function getOverview(
  knex: Knex,
  dialect: StoreDialect,
  sessionCounts: SessionDayCounts,
  filter: AggregateFilter,
): Promise<Overview> {
  const [totals, percentiles, sessions] = await Promise.all([
    getTotals(knex, filter),
    getLatencyPercentiles(knex, filter),
    sessionCounts.count(knex, dialect, filter),
  ]);
  let totalSessions = 0;
  let failedSessions = 0;
  for (const tally of sessions.values()) {
    totalSessions += tally.sessions;
    failedSessions += tally.failed;
  }
  return { ...totals, ...(percentiles.get('') ?? NO_PERCENTILES), totalSessions, failedSessions };
}
