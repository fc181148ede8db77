import { Migration } from '@mikro-orm/migrations';

/**
 * Calls by time alone: the newest calls of all projects (Live's event stream, the calls
 * explorer, recent-call samples) come from an index walk instead of a scan and sort of
 * every call; (project_name, timestamp) only serves one project at a time.
 */
export class Migration0004CallsByTime extends Migration {
  override up(): void {
    for (const statement of this.getKnex()
      .schema.alterTable('llm_calls', (t) => t.index(['timestamp'], 'llm_calls_timestamp_idx'))
      .toSQL()) {
      this.addSql(statement.sql);
    }
  }

  override down(): void {
    for (const statement of this.getKnex()
      .schema.alterTable('llm_calls', (t) => t.dropIndex(['timestamp'], 'llm_calls_timestamp_idx'))
      .toSQL()) {
      this.addSql(statement.sql);
    }
  }
}
