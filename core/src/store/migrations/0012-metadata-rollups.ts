import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';
import { ROLLUP_COUNT_COLUMNS, ROLLUP_SUM_COLUMNS } from './0001-initial-schema.js';

/**
 * Rollups per value of the metadata keys a user names (`userId`, `tenantId`): the named
 * keys, and hourly and daily rows per project and value with the call rollups' measures,
 * kept in the writer's transaction, so cost per user or tenant reads ~30 days of rows
 * instead of every call's metadata. The key leads the primary key: every read is one key.
 */
export class Migration0012MetadataRollups extends Migration {
  override up(): void {
    const schema = () => this.getKnex().schema;
    const rollupTable = (name: string) =>
      schema().createTable(name, (t) => {
        t.string('metadata_key', 64).notNullable();
        t.bigInteger('hour_start').notNullable();
        t.string('project_name', 256).notNullable();
        t.string('metadata_value', 256).notNullable();
        t.primary(['metadata_key', 'hour_start', 'project_name', 'metadata_value']);
        for (const column of ROLLUP_COUNT_COLUMNS) t.bigInteger(column).notNullable().defaultTo(0);
        for (const column of ROLLUP_SUM_COLUMNS) t.double(column).notNullable().defaultTo(0);
      });
    this.addAll(
      schema().createTable('metadata_rollup_keys', (t) => {
        t.string('metadata_key', 64).primary();
        t.timestamp('created_at', { useTz: true }).notNullable();
      }),
      rollupTable('llm_metadata_rollups'),
      rollupTable('llm_metadata_rollups_daily'),
    );
  }

  override down(): void {
    const schema = () => this.getKnex().schema;
    this.addAll(
      schema().dropTable('llm_metadata_rollups_daily'),
      schema().dropTable('llm_metadata_rollups'),
      schema().dropTable('metadata_rollup_keys'),
    );
  }

  /** One statement per addSql call: the SQLite driver runs only the first of several. */
  private addAll(...builders: Knex.SchemaBuilder[]): void {
    for (const builder of builders) {
      for (const statement of builder.toSQL()) this.addSql(statement.sql);
    }
  }
}
