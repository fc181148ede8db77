import type { Knex } from '@mikro-orm/knex';
import { ObservatoryValidationError } from '../observatory-error.js';
import type { AggregateFilter } from './filters.js';
import { BREAKDOWN_COLUMNS, type BreakdownDimension } from './get-breakdown.js';
import { rollupRows } from './rollup-rows.js';
import { type CallTotals, selectSums, toCallTotals } from './sum-measures.js';

export interface CrossBreakdownRow extends CallTotals {
  /** Value of the first dimension ('' when none was recorded). */
  row: string;
  /** Value of the second dimension. */
  column: string;
}

/**
 * Totals per pair of dimensions (model × operation, agent × model…), from the rollups:
 * the cells of a matrix such as the router's model-effectiveness table.
 */
export async function getCrossBreakdown(
  knex: Knex,
  rows: BreakdownDimension,
  columns: BreakdownDimension,
  filter: AggregateFilter,
): Promise<CrossBreakdownRow[]> {
  const rowColumn = BREAKDOWN_COLUMNS[rows];
  const columnColumn = BREAKDOWN_COLUMNS[columns];
  if (!rowColumn || !columnColumn || rows === columns) {
    throw new ObservatoryValidationError('query', [
      {
        field: 'dimensions',
        value: `${rows} × ${columns}`,
        message: 'two different dimensions of model, agent, operation, provider, project',
      },
    ]);
  }
  const result: Array<Record<string, unknown>> = await rollupRows(knex, 'calls', filter)
    .select(knex.raw('?? as r', [rowColumn]), knex.raw('?? as c', [columnColumn]), ...selectSums(knex))
    .groupBy(rowColumn, columnColumn)
    .orderBy('total_cost', 'desc');
  return result.map((r) => ({ row: String(r.r ?? ''), column: String(r.c ?? ''), ...toCallTotals(r) }));
}
