import type { Knex } from '@mikro-orm/knex';
import { clampLimit, toNumber } from './filters.js';
import { toDate } from './read-row-values.js';

export interface WindowCallQuery {
  projectName?: string;
  /** Inclusive. */
  from: Date;
  /** Rows read at most, newest first. Default 20,000. */
  limit?: number;
}

/** What a recent window's totals, series and per-agent activity need of each call. */
export interface WindowCall {
  timestamp: Date;
  agentName: string | null;
  totalCost: number;
  /** Input plus output tokens. */
  tokens: number;
  latencyMs: number;
  failed: boolean;
}

/**
 * The measures of every call since `from`, newest first: the columns ahead of the texts,
 * and which calls failed from the partial index of failures (migration 0011). The error
 * column itself is never read: SQLite keeps it after the prompt, so reading it for a busy
 * hour would read that hour's prompts.
 */
export async function getWindowCalls(knex: Knex, query: WindowCallQuery): Promise<WindowCall[]> {
  const limit = clampLimit(query.limit, 20_000, 100_000);
  const inWindow = (builder: Knex.QueryBuilder) => {
    builder.where('timestamp', '>=', query.from);
    if (query.projectName !== undefined) builder.where('project_name', query.projectName);
    return builder;
  };
  const [rows, failedRows] = await Promise.all([
    inWindow(knex('llm_calls'))
      .select('id', 'timestamp', 'agent_name', 'total_cost', 'prompt_tokens', 'completion_tokens', 'latency_ms')
      .orderBy('timestamp', 'desc')
      .limit(limit) as Promise<Array<Record<string, unknown>>>,
    inWindow(knex('llm_calls')).whereNotNull('error').select('id') as Promise<Array<{ id: string }>>,
  ]);
  const failed = new Set(failedRows.map((row) => row.id));
  return rows.map((row) => ({
    timestamp: toDate(row.timestamp),
    agentName: (row.agent_name as string | null) ?? null,
    totalCost: toNumber(row.total_cost),
    tokens: toNumber(row.prompt_tokens) + toNumber(row.completion_tokens),
    latencyMs: toNumber(row.latency_ms),
    failed: failed.has(row.id as string),
  }));
}
