import type { Knex } from '@mikro-orm/knex';
import type { CallMeasures, LLMCall } from '../models.js';
import { toNumber } from './filters.js';
import { CALL_MEASURE_COLUMNS, parseJson, readCallMeasures } from './read-row-values.js';

/** One call of a session without its texts: enough for totals, a timeline and the agent graph. */
export interface SessionStep extends CallMeasures, Pick<LLMCall, 'id' | 'parentId' | 'totalTokens'> {
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
    .select('id', 'parent_id', 'total_tokens', 'metadata', ...CALL_MEASURE_COLUMNS)
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
      ...readCallMeasures(row),
      id: String(row.id),
      parentId: (row.parent_id as string | null) ?? null,
      totalTokens: toNumber(row.total_tokens),
      failed: failed.has(String(row.id)),
      graphPath: typeof metadata?.langgraphPath === 'string' ? metadata.langgraphPath : null,
    };
  });
}
