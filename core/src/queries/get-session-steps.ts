import type { Knex } from '@mikro-orm/knex';
import type { CallMeasures, LLMCall } from '../models.js';
import { SESSION_STEP_COLUMNS } from '../store/call-index-columns.js';
import { dialectOf } from '../store/store-dialect.js';
import { storedId } from '../store/stored-id.js';
import { toNumber } from './filters.js';
import { readCallMeasures } from './read-row-values.js';

/** One call of a session without its texts: enough for totals, a timeline and the agent graph. */
export interface SessionStep extends CallMeasures, Pick<LLMCall, 'id' | 'parentId' | 'totalTokens'> {
  /** True when the call recorded an error (its text is in the call itself). */
  failed: boolean;
}

/**
 * Every call of a session in time order, light columns only (no prompt or response), so a
 * 10,000-call session's totals, timeline and graph come from all its calls in one read.
 */
export async function getSessionSteps(knex: Knex, sessionId: string): Promise<SessionStep[]> {
  const session = storedId(dialectOf(knex), sessionId);
  const rows: Array<Record<string, unknown>> = await knex('llm_calls')
    .select(...SESSION_STEP_COLUMNS)
    .where('session_id', session)
    .orderBy([
      { column: 'timestamp', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  // Failed calls from the partial index of failures (migration 0008), not each call's error text.
  const failed = new Set(
    (await knex('llm_calls').select('id').where('session_id', session).whereNotNull('error')).map((row) =>
      String(row.id),
    ),
  );
  return rows.map((row) => {
    // Fields added to the measures object rather than spread into a new one: 10,000 steps, half the garbage.
    const step = readCallMeasures(row) as SessionStep;
    step.id = String(row.id);
    step.parentId = (row.parent_id as string | null) ?? null;
    step.totalTokens = toNumber(row.total_tokens);
    step.failed = failed.has(step.id);
    return step;
  });
}
