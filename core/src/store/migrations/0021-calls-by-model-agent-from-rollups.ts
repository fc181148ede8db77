import { Migration } from '@mikro-orm/migrations';
import { runsOnPostgres } from '../store-dialect.js';

/**
 * SQLite: no index of calls by model or by agent (44 bytes a call). Their one reader was the
 * sessions list's lookup of a rare model's (agent's) sessions; it now reads the hours that
 * hold those calls, as the hourly rollups tell (queries/call-hours.ts), by the index of
 * calls by time. The list of calls filtered by a rare model never used them: it walked
 * every call by time. PostgreSQL is unchanged.
 */
export class Migration0021CallsByModelAgentFromRollups extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) return;
    this.addSql('drop index if exists llm_calls_model_idx');
    this.addSql('drop index if exists llm_calls_agent_idx');
  }

  override down(): void {
    if (runsOnPostgres(this)) return;
    this.addSql('create index if not exists `llm_calls_model_idx` on `llm_calls` (`model_name`)');
    this.addSql('create index if not exists `llm_calls_agent_idx` on `llm_calls` (`agent_name`)');
  }
}
