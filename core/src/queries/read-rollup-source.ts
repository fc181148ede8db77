import type { CacheMetadata, CostSource, QualityEvaluation, RoutingDecision, UsageSource } from '../models.js';
import { CALL_MEASURE_COLUMNS } from '../store/call-index-columns.js';
import type { MetadataRollupSource } from '../store/metadata-rollups.js';
import { parseJson, readCallMeasures } from './read-row-values.js';

/** The columns a call's rollups read (`toRollupSource` turns a row of them into the call's fields). */
export const ROLLUP_SOURCE_COLUMNS = [
  ...CALL_MEASURE_COLUMNS,
  'project_name',
  'cost_source',
  'usage_source',
  'error',
  'cache_metadata',
  'routing_decision',
  'quality_evaluation',
  'metadata',
];

export function toRollupSource(row: Record<string, unknown>): MetadataRollupSource {
  return {
    ...readCallMeasures(row),
    projectName: String(row.project_name),
    costSource: row.cost_source as CostSource,
    usageSource: row.usage_source as UsageSource,
    error: (row.error as string | null) ?? null,
    cacheMetadata: parseJson(row.cache_metadata) as CacheMetadata | null,
    routingDecision: parseJson(row.routing_decision) as RoutingDecision | null,
    qualityEvaluation: parseJson(row.quality_evaluation) as QualityEvaluation | null,
    metadata: parseJson(row.metadata) as Record<string, unknown> | null,
  };
}
