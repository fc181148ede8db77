import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for reads that span all projects: rollups by hour and sessions counted per
 * project over a time range. (Named for what it first also did: create the dashboard's
 * settings and alert-event tables. Those now belong to the dashboard, which creates them
 * when missing; stores that ran this migration before keep theirs. The name stays, since
 * stores record the migrations they ran by name.)
 */
export class Migration0002DashboardSettings extends Migration {
  override up(): void {
    // `knex.schema` is a fresh builder on every access; one builder accumulates statements.
    const schema = () => this.getKnex().schema;
    this.addAll(
      schema().alterTable('sessions', (t) => {
        t.index(['start_time', 'project_name', 'success'], 'sessions_start_project_success_idx');
      }),
      schema().alterTable('llm_call_rollups', (t) => {
        t.index(['hour_start', 'calls', 'latency_sum_ms'], 'llm_call_rollups_hour_idx');
      }),
      schema().alterTable('llm_latency_rollups', (t) => {
        t.index(['hour_start'], 'llm_latency_rollups_hour_idx');
      }),
    );
  }

  override down(): void {
    const schema = () => this.getKnex().schema;
    this.addAll(
      schema().alterTable('llm_latency_rollups', (t) => {
        t.dropIndex(['hour_start'], 'llm_latency_rollups_hour_idx');
      }),
      schema().alterTable('llm_call_rollups', (t) => {
        t.dropIndex(['hour_start', 'calls', 'latency_sum_ms'], 'llm_call_rollups_hour_idx');
      }),
      schema().alterTable('sessions', (t) => {
        t.dropIndex(['start_time', 'project_name', 'success'], 'sessions_start_project_success_idx');
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
