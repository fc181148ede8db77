import type { Knex } from '@mikro-orm/knex';
import type { LLMCall } from '../models.js';
import { toNumber } from './filters.js';
import { parseJson, toDate } from './read-row-values.js';

/** One call of a session without its texts: enough for totals, a timeline and the agent graph. */
export interface SessionStep
  extends Pick<
    LLMCall,
    | 'id'
    | 'parentId'
    | 'timestamp'
    | 'latencyMs'
    | 'ttftMs'
    | 'provider'
    | 'modelName'
    | 'agentName'
    | 'operationName'
    | 'promptTokens'
    | 'completionTokens'
    | 'cachedPromptTokens'
    | 'cacheWriteTokens'
    | 'reasoningTokens'
    | 'totalTokens'
    | 'totalCost'
  > {
  /** True when the call recorded an error (its text is in the call itself). */
  failed: boolean;
  /** `metadata.langgraphPath` where the LangGraph adapter recorded it (`researcher/agent`). */
  graphPath: string | null;
}

/**
 * Every call of a session in time order, light columns only (no prompt or response), so a
 * 10,000-call session's totals, timeline and graph come from all its calls in one read.
 */
export async function getSessionSteps(knex: Knex, sessionId: string): Promise<SessionStep[]> {
  const rows: Array<Record<string, unknown>> = await knex('llm_calls')
    .select(
      'id',
      'parent_id',
      'timestamp',
      'latency_ms',
      'ttft_ms',
      'model_provider',
      'model_name',
      'agent_name',
      'operation_name',
      'prompt_tokens',
      'completion_tokens',
      'cached_prompt_tokens',
      'cache_write_tokens',
      'reasoning_tokens',
      'total_tokens',
      'total_cost',
      'metadata',
    )
    .where('session_id', sessionId)
    .orderBy([
      { column: 'timestamp', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  // Failed calls from the partial index of failures (migration 0008), not each call's error text.
  const failed = new Set(
    (await knex('llm_calls').select('id').where('session_id', sessionId).whereNotNull('error')).map((row) =>
      String(row.id),
    ),
  );
  return rows.map((row) => {
    const metadata = parseJson(row.metadata) as Record<string, unknown> | null;
    return {
      id: String(row.id),
      parentId: (row.parent_id as string | null) ?? null,
      timestamp: toDate(row.timestamp),
      latencyMs: toNumber(row.latency_ms),
      ttftMs: row.ttft_ms == null ? null : toNumber(row.ttft_ms),
      provider: String(row.model_provider),
      modelName: String(row.model_name),
      agentName: (row.agent_name as string | null) ?? null,
      operationName: (row.operation_name as string | null) ?? null,
      promptTokens: toNumber(row.prompt_tokens),
      completionTokens: toNumber(row.completion_tokens),
      cachedPromptTokens: toNumber(row.cached_prompt_tokens),
      cacheWriteTokens: toNumber(row.cache_write_tokens),
      reasoningTokens: toNumber(row.reasoning_tokens),
      totalTokens: toNumber(row.total_tokens),
      totalCost: toNumber(row.total_cost),
      failed: failed.has(String(row.id)),
      graphPath: typeof metadata?.langgraphPath === 'string' ? metadata.langgraphPath : null,
    };
  });
}
