import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * A session's calls in time order from the index: one page of a 10,000-call session no
 * longer reads and sorts all its calls (SQLite walked every prompt's overflow pages to do
 * it: 50–100 ms a page). It replaces the (session_id) index, whose every use it serves.
 */
export class Migration0007CallsBySessionTime extends Migration {
  override up(): void {
    this.addAll(
      this.getKnex().schema.alterTable('llm_calls', (t) => {
        t.index(['session_id', 'timestamp', 'id'], 'llm_calls_session_time_idx');
      }),
      this.getKnex().schema.alterTable('llm_calls', (t) => {
        t.dropIndex(['session_id'], 'llm_calls_session_idx');
      }),
    );
  }

  override down(): void {
    this.addAll(
      this.getKnex().schema.alterTable('llm_calls', (t) => {
        t.index(['session_id'], 'llm_calls_session_idx');
      }),
      this.getKnex().schema.alterTable('llm_calls', (t) => {
        t.dropIndex(['session_id', 'timestamp', 'id'], 'llm_calls_session_time_idx');
      }),
    );
  }

  /** One statement per addSql call: the SQLite driver runs only the first of several. */
  private addAll(...builders: Knex.SchemaBuilder[]): void {
    for (const builder of builders) {
      for (const statement of builder.toSQL()) this.addSql(statement.sql);
    }
  }
}
