import type { Knex } from '@mikro-orm/knex';
import { dialectOf } from '../store/store-dialect.js';
import { storedIds } from '../store/stored-id.js';
import { toNumber } from './filters.js';

/** What a list of sessions shows of their calls, beyond the session's own totals. */
export interface SessionCallSummary {
  agents: string[];
  models: string[];
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  errorCalls: number;
}

const TOKEN_PARTS = [
  ['promptTokens', 'prompt_tokens'],
  ['completionTokens', 'completion_tokens'],
  ['cachedPromptTokens', 'cached_prompt_tokens'],
  ['cacheWriteTokens', 'cache_write_tokens'],
  ['reasoningTokens', 'reasoning_tokens'],
] as const;

/** Agents, models, token parts and failed calls of each listed session (an entry for every id; one grouped read by the session index). */
export async function summarizeSessionCalls(
  knex: Knex,
  sessionIds: string[],
): Promise<Map<string, SessionCallSummary>> {
  // Every listed session has a summary, empty for one without calls yet.
  const summaries = new Map<string, SessionCallSummary>(
    sessionIds.map((id) => [
      id,
      {
        agents: [],
        models: [],
        promptTokens: 0,
        completionTokens: 0,
        cachedPromptTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        errorCalls: 0,
      },
    ]),
  );
  if (sessionIds.length === 0) return summaries;
  const stored = storedIds(dialectOf(knex), sessionIds);
  const rows: Array<Record<string, unknown>> = await knex('llm_calls')
    .select('session_id', 'agent_name', 'model_name')
    .sum({ ...Object.fromEntries(TOKEN_PARTS.map(([field, column]) => [field, column])) })
    .whereIn('session_id', stored)
    .groupBy('session_id', 'agent_name', 'model_name');
  // Failures from the partial index of failed calls (migration 0008), never the error text.
  const failed: Array<{ session_id: string; errorCalls: unknown }> = await knex('llm_calls')
    .select('session_id')
    .count({ errorCalls: '*' })
    .whereIn('session_id', stored)
    .whereNotNull('error')
    .groupBy('session_id');
  const errorCalls = new Map(failed.map((row) => [row.session_id, toNumber(row.errorCalls)]));
  for (const row of rows) {
    const summary = summaries.get(String(row.session_id));
    if (!summary) continue;
    const agent = row.agent_name as string | null;
    if (agent && !summary.agents.includes(agent)) summary.agents.push(agent);
    const model = String(row.model_name);
    if (!summary.models.includes(model)) summary.models.push(model);
    for (const [field] of TOKEN_PARTS) summary[field] += toNumber(row[field]);
  }
  for (const [id, summary] of summaries) {
    summary.errorCalls = errorCalls.get(id) ?? 0;
    summary.agents.sort();
    summary.models.sort();
  }
  return summaries;
}
