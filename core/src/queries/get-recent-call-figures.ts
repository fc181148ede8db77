import type { Knex } from '@mikro-orm/knex';
import { clampLimit, toNumber } from './filters.js';

export interface RecentCallFiguresQuery {
  projectName?: string;
  /** One model's calls, or one agent's (not both). */
  modelName?: string;
  agentName?: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The newest this many calls in range. Default 1,000, at most 10,000. */
  limit?: number;
}

/** One figure per call, newest first, index by index. */
export interface RecentCallFigures {
  /** US dollars. */
  costs: number[];
  /** Input plus output tokens. */
  tokens: number[];
  latenciesMs: number[];
}

/**
 * The cost, tokens and latency of a model's or an agent's newest calls in a range, without
 * their text: what its calls are usually like, one by one, for judging a figure per call of a
 * few calls (an anomaly's) against the series' own calls.
 */
export async function getRecentCallFigures(knex: Knex, query: RecentCallFiguresQuery): Promise<RecentCallFigures> {
  const select = knex
    .from('llm_calls')
    .select('total_cost', 'prompt_tokens', 'completion_tokens', 'latency_ms')
    .where('timestamp', '>=', query.from)
    .where('timestamp', '<', query.to)
    .orderBy('timestamp', 'desc')
    .limit(clampLimit(query.limit, 1_000));
  if (query.projectName !== undefined) select.where('project_name', query.projectName);
  if (query.modelName !== undefined) select.where('model_name', query.modelName);
  if (query.agentName !== undefined) select.where('agent_name', query.agentName);
  const rows: Array<Record<string, unknown>> = await select;
  return {
    costs: rows.map((row) => toNumber(row.total_cost)),
    tokens: rows.map((row) => toNumber(row.prompt_tokens) + toNumber(row.completion_tokens)),
    latenciesMs: rows.map((row) => toNumber(row.latency_ms)),
  };
}
