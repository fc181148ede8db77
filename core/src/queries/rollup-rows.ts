import type { Knex } from '@mikro-orm/knex';
import { METADATA_ROLLUP_TABLES } from '../store/metadata-rollups.js';
import { ROLLUP_TABLES } from '../store/write-batch.js';
import { type AggregateFilter, hourRange } from './filters.js';

const DAY_MS = 86_400_000;

/**
 * The rollup rows (call measures with their latency histograms) covering a filter, at the
 * coarsest period that is exact: daily rows for the whole UTC days inside the filter's
 * hours, hourly rows for the hours at its edges, with its key filters applied. Aliased
 * `r`, with the rollup tables' columns, so every aggregate reads it like one table; an
 * open-ended month reads ~30 days of rows instead of ~720 hours of them. `hourly` keeps to
 * the hourly rows (hourly series). `metadata` reads one named metadata key's rollups
 * (`metadataKey`), which have no model, agent, operation or provider to filter by.
 */
export function rollupRows(
  knex: Knex,
  kind: 'calls' | 'metadata',
  filter: AggregateFilter,
  options: { hourly?: boolean; metadataKey?: string } = {},
): Knex.QueryBuilder {
  const { from, to } = hourRange(filter);
  const part = (period: 'hour' | 'day', start: number | undefined, end: number | undefined) => {
    const query = knex(kind === 'metadata' ? METADATA_ROLLUP_TABLES[period] : ROLLUP_TABLES[period]).select('*');
    if (kind === 'metadata') query.where('metadata_key', options.metadataKey ?? '');
    if (filter.projectName !== undefined) query.where('project_name', filter.projectName);
    if (filter.provider !== undefined) query.where('model_provider', filter.provider);
    if (filter.modelName !== undefined) query.where('model_name', filter.modelName);
    if (filter.agentName !== undefined) query.where('agent_name', filter.agentName);
    if (filter.operationName !== undefined) query.where('operation_name', filter.operationName);
    if (start !== undefined) query.where('hour_start', '>=', start);
    if (end !== undefined) query.where('hour_start', '<', end);
    return query;
  };
  const firstDay = from === undefined ? undefined : Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = to === undefined ? undefined : Math.floor(to / DAY_MS) * DAY_MS;
  const noWholeDay = options.hourly || (firstDay !== undefined && endDay !== undefined && firstDay >= endDay);
  const parts = noWholeDay
    ? [part('hour', from, to)]
    : [
        ...(from !== undefined && firstDay !== undefined && from < firstDay ? [part('hour', from, firstDay)] : []),
        part('day', firstDay, endDay),
        ...(to !== undefined && endDay !== undefined && endDay < to ? [part('hour', endDay, to)] : []),
      ];
  const [first, ...rest] = parts;
  // Unwrapped parts: SQLite refuses parenthesized selects in a union.
  const rows = rest.length > 0 ? first.unionAll(rest, false) : first;
  return knex.from(rows.as('r'));
}
