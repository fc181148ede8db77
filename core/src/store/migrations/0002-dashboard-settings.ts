import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Dashboard state kept in the store: settings (alert thresholds, webhook, display,
 * retention) as JSON values by key, and the history of alert events. Also indexes for
 * reads that span all projects: rollups by hour (today's live slice, per-day
 * fingerprints, index-only) and sessions counted per project over a time range.
 */
export class Migration0002DashboardSettings extends Migration {
  override up(): void {
    // `knex.schema` is a fresh builder on every access; one builder accumulates statements.
    const schema = () => this.getKnex().schema;
    this.addAll(
      schema().createTable('dashboard_settings', (t) => {
        t.string('key', 128).primary();
        t.text('value').notNullable();
        t.timestamp('updated_at', { useTz: true }).notNullable();
      }),
      schema().createTable('dashboard_alert_events', (t) => {
        t.string('id', 64).primary();
        t.string('rule', 32).notNullable();
        t.string('project_name', 256).nullable();
        t.string('status', 16).notNullable();
        t.double('value').notNullable();
        t.double('threshold').notNullable();
        t.text('message').notNullable();
        t.timestamp('started_at', { useTz: true }).notNullable();
        t.timestamp('resolved_at', { useTz: true }).nullable();
        t.string('webhook_status', 128).nullable();
        t.index(['started_at'], 'dashboard_alert_events_started_idx');
      }),
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
      schema().dropTable('dashboard_alert_events'),
      schema().dropTable('dashboard_settings'),
    );
  }

  /** One statement per addSql call: the SQLite driver runs only the first of several. */
  private addAll(...builders: Knex.SchemaBuilder[]): void {
    for (const builder of builders) {
      for (const statement of builder.toSQL()) this.addSql(statement.sql);
    }
  }
}
