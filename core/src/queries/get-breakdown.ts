import type { Knex } from '@mikro-orm/knex';
import type { AggregateFilter } from './filters.js';
import { getLatencyPercentiles, type LatencyPercentiles, NO_PERCENTILES } from './get-latency-percentiles.js';
import { rollupRows } from './rollup-rows.js';
import { type CallTotals, selectSums, toCallTotals } from './sum-measures.js';

/** What a breakdown groups by. */
export type BreakdownDimension = 'model' | 'agent' | 'operation' | 'provider' | 'project';

export const BREAKDOWN_COLUMNS: Record<BreakdownDimension, string> = {
  model: 'model_name',
  agent: 'agent_name',
  operation: 'operation_name',
  provider: 'model_provider',
  project: 'project_name',
};

export interface BreakdownRow extends CallTotals, LatencyPercentiles {
  /** The group's value; '' means none was recorded (no agent, no operation). */
  key: string;
  /** Provider of the model, for `model` breakdowns. */
  provider?: string;
  /** Share of the total cost of all rows, 0..1. */
  costShare: number;
}

/** Totals per model, agent, operation, provider or project, most expensive first. */
export async function getBreakdown(
  knex: Knex,
  dimension: BreakdownDimension,
  filter: AggregateFilter,
): Promise<BreakdownRow[]> {
  const column = BREAKDOWN_COLUMNS[dimension];
  const query = rollupRows(knex, 'calls', filter)
    .select(knex.raw('?? as grp', [column]), ...selectSums(knex))
    .groupBy(column)
    .orderBy('total_cost', 'desc')
    .orderBy('calls', 'desc');
  if (dimension === 'model') query.select(knex.raw('max(model_provider) as provider'));
  const rows: Array<Record<string, unknown>> = await query;
  const percentiles = await getLatencyPercentiles(knex, filter, column);
  const totals = rows.map((row) => toCallTotals(row));
  const allCost = totals.reduce((sum, t) => sum + t.totalCost, 0);
  return rows.map((row, i) => {
    const key = String(row.grp ?? '');
    return {
      key,
      ...(dimension === 'model' ? { provider: String(row.provider ?? '') } : {}),
      ...totals[i],
      ...(percentiles.get(key) ?? NO_PERCENTILES),
      costShare: allCost > 0 ? totals[i].totalCost / allCost : 0,
    };
  });
}
