import { Migration } from '@mikro-orm/migrations';
import { runsOnPostgres } from '../store-dialect.js';

/** The index as this migration made it (0017 drops it, and its `down` makes it again). */
export const SESSION_STEPS_INDEX =
  'create index if not exists llm_calls_session_steps_idx on llm_calls (session_id, timestamp, id, parent_id, total_tokens, model_provider, model_name, agent_name, operation_name, prompt_tokens, completion_tokens, cached_prompt_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, total_cost)';

/**
 * SQLite: a session's steps (every call's measures, in time order) from one covering index,
 * without visiting the calls' rows. SQLite keeps a call's row whole, prompt included, and
 * the parent id sits after the prompt, past its overflow pages: a 10,000-call session read
 * 10,000 rows (110–160 ms) where the index holds the same in 181 bytes a call (10–15 ms).
 * It replaces the (session_id, timestamp, id) index, whose every use it serves.
 * PostgreSQL keeps long texts out of line (TOAST), so its rows stay narrow: unchanged.
 */
export class Migration0013SessionStepsIndex extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) return;
    this.addSql(SESSION_STEPS_INDEX);
    this.addSql('drop index if exists llm_calls_session_time_idx');
  }

  override down(): void {
    if (runsOnPostgres(this)) return;
    this.addSql('create index if not exists llm_calls_session_time_idx on llm_calls (session_id, timestamp, id)');
    this.addSql('drop index if exists llm_calls_session_steps_idx');
  }
}
