import type { Knex } from '@mikro-orm/knex';
import { type AggregateFilter, toNumber } from './filters.js';
import { getLatencyPercentiles, type LatencyPercentiles, NO_PERCENTILES } from './get-latency-percentiles.js';
import { rollupRows } from './rollup-rows.js';
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
export async function getOverview(knex: Knex, filter: AggregateFilter): Promise<Overview> {
  const totals = await getTotals(knex, filter);
  const percentiles = (await getLatencyPercentiles(knex, filter)).get('') ?? NO_PERCENTILES;
  const sessions = knex('sessions').select(
    knex.raw('count(*) as sessions'),
    knex.raw('coalesce(sum(case when success = ? then 1 else 0 end), 0) as failed', [false]),
  );
  if (filter.projectName !== undefined) sessions.where('project_name', filter.projectName);
  if (filter.from) sessions.where('start_time', '>=', filter.from);
  if (filter.to) sessions.where('start_time', '<', filter.to);
  const [sessionRow] = await sessions;
  return {
    ...totals,
    ...percentiles,
    totalSessions: toNumber(sessionRow?.sessions),
    failedSessions: toNumber(sessionRow?.failed),
  };
}
