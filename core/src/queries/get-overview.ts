import type { Knex } from '@mikro-orm/knex';
import { type AggregateFilter, toNumber, whereRollup } from './filters.js';
import { getLatencyPercentiles, type LatencyPercentiles, NO_PERCENTILES } from './get-latency-percentiles.js';
import { type CallTotals, selectSums, toCallTotals } from './sum-measures.js';

export interface Overview extends CallTotals, LatencyPercentiles {
  /** Sessions started in the range. */
  totalSessions: number;
  /** Sessions that ended with success=false. */
  failedSessions: number;
}

/** Headline KPIs for a project and time range, from rollups (never a scan of calls). */
export async function getOverview(knex: Knex, filter: AggregateFilter): Promise<Overview> {
  const [totalsRow] = await whereRollup(knex('llm_call_rollups'), filter).select(selectSums(knex));
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
    ...toCallTotals(totalsRow),
    ...percentiles,
    totalSessions: toNumber(sessionRow?.sessions),
    failedSessions: toNumber(sessionRow?.failed),
  };
}
