import { Migration } from '@mikro-orm/migrations';

/**
 * A partial index of failed calls by session: a session's failures are counted without
 * reading the error column, which SQLite keeps after the prompt, past its overflow pages
 * (summarizing a 10,000-call session read every prompt to find its few errors).
 */
export class Migration0008FailedCallsBySession extends Migration {
  override up(): void {
    const knex = this.getKnex();
    const statements = knex.schema
      .alterTable('llm_calls', (t) => {
        t.index(['session_id'], 'llm_calls_failed_by_session_idx', { predicate: knex.whereNotNull('error') });
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }

  override down(): void {
    const statements = this.getKnex()
      .schema.alterTable('llm_calls', (t) => {
        t.dropIndex(['session_id'], 'llm_calls_failed_by_session_idx');
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }
}
