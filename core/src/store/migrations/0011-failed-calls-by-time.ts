import { Migration } from '@mikro-orm/migrations';

/**
 * A partial index of failed calls by time: a recent window's failures (Live) are found
 * without reading the error column, which SQLite keeps after the prompt, so counting a
 * busy hour's errors no longer reads that hour's prompts.
 */
export class Migration0011FailedCallsByTime extends Migration {
  override up(): void {
    const knex = this.getKnex();
    const statements = knex.schema
      .alterTable('llm_calls', (t) => {
        t.index(['timestamp'], 'llm_calls_failed_by_time_idx', { predicate: knex.whereNotNull('error') });
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }

  override down(): void {
    const statements = this.getKnex()
      .schema.alterTable('llm_calls', (t) => {
        t.dropIndex(['timestamp'], 'llm_calls_failed_by_time_idx');
      })
      .toSQL();
    for (const statement of statements) this.addSql(statement.sql);
  }
}
