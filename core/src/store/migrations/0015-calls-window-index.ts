import { Migration } from '@mikro-orm/migrations';
import { runsOnPostgres } from '../store-dialect.js';

/** The index as this migration made it (0017 drops it, and its `down` makes it again). */
export const WINDOW_INDEX =
  'create index if not exists llm_calls_window_idx on llm_calls (timestamp, project_name, agent_name, latency_ms, total_cost, prompt_tokens, completion_tokens)';

/**
 * SQLite: the index of calls by time (migration 0004) also holds what Live sums over a
 * recent window (project, agent, latency, cost, tokens), so an hour of 13,000 calls is
 * summed from the index instead of visiting 13,000 rows that each hold a prompt. It
 * replaces the time-only index, whose every use it serves. PostgreSQL keeps long texts out
 * of line (TOAST), so its rows stay narrow: unchanged.
 */
export class Migration0015CallsWindowIndex extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) return;
    this.addSql(WINDOW_INDEX);
    this.addSql('drop index if exists llm_calls_timestamp_idx');
  }

  override down(): void {
    if (runsOnPostgres(this)) return;
    this.addSql('create index if not exists llm_calls_timestamp_idx on llm_calls (timestamp)');
    this.addSql('drop index if exists llm_calls_window_idx');
  }
}
