import type { CacheMetadata, CostSource, QualityEvaluation, RoutingDecision, UsageSource } from '../models.js';
import type { MetadataRollupSource } from '../store/metadata-rollups.js';
import { toNumber } from './filters.js';
import { parseJson, toDate } from './read-row-values.js';

/** The columns a call's rollups read (`toRollupSource` turns a row of them into the call's fields). */
export const ROLLUP_SOURCE_COLUMNS = [
  'project_name',
  'timestamp',
  'model_provider',
  'model_name',
  'agent_name',
  'operation_name',
  'prompt_tokens',
  'completion_tokens',
  'cached_prompt_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'total_cost',
  'cost_source',
  'usage_source',
  'latency_ms',
  'ttft_ms',
  'error',
  'cache_metadata',
  'routing_decision',
  'quality_evaluation',
  'metadata',
];

export function toRollupSource(row: Record<string, unknown>): MetadataRollupSource {
  return {
    projectName: String(row.project_name),
    timestamp: toDate(row.timestamp),
    provider: String(row.model_provider),
    modelName: String(row.model_name),
    agentName: (row.agent_name as string | null) ?? null,
    operationName: (row.operation_name as string | null) ?? null,
    promptTokens: toNumber(row.prompt_tokens),
    completionTokens: toNumber(row.completion_tokens),
    cachedPromptTokens: toNumber(row.cached_prompt_tokens),
    cacheWriteTokens: toNumber(row.cache_write_tokens),
    reasoningTokens: toNumber(row.reasoning_tokens),
    totalCost: toNumber(row.total_cost),
    costSource: row.cost_source as CostSource,
    usageSource: row.usage_source as UsageSource,
    latencyMs: toNumber(row.latency_ms),
    ttftMs: row.ttft_ms == null ? null : toNumber(row.ttft_ms),
    error: (row.error as string | null) ?? null,
    cacheMetadata: parseJson(row.cache_metadata) as CacheMetadata | null,
    routingDecision: parseJson(row.routing_decision) as RoutingDecision | null,
    qualityEvaluation: parseJson(row.quality_evaluation) as QualityEvaluation | null,
    metadata: parseJson(row.metadata) as Record<string, unknown> | null,
  };
}
