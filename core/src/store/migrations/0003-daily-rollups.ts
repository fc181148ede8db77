import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';
import { addRollupKey, ROLLUP_COUNT_COLUMNS, ROLLUP_KEY_COLUMNS, ROLLUP_SUM_COLUMNS } from './0001-initial-schema.js';

const DAY_MS = 86_400_000;

/**
 * Daily rollups beside the hourly ones, with the same columns (`hour_start` holds the UTC
 * day's start), kept in the same transaction as the calls: a month-long aggregate reads
 * ~30 days' rows plus the hours at its edges instead of ~720 hours of rows, so it answers
 * fast from the first request. Existing stores are backfilled from their hourly rows.
 */
export class Migration0003DailyRollups extends Migration {
  override up(): void {
    const knex = this.getKnex();
    const schema = () => knex.schema;
    this.addAll(
      schema().createTable('llm_call_rollups_daily', (t) => {
        addRollupKey(t);
        t.primary([...ROLLUP_KEY_COLUMNS]);
        for (const column of ROLLUP_COUNT_COLUMNS) t.bigInteger(column).notNullable().defaultTo(0);
        for (const column of ROLLUP_SUM_COLUMNS) t.double(column).notNullable().defaultTo(0);
      }),
      schema().createTable('llm_latency_rollups_daily', (t) => {
        addRollupKey(t);
        t.integer('bucket').notNullable();
        t.bigInteger('calls').notNullable().defaultTo(0);
        t.primary([...ROLLUP_KEY_COLUMNS, 'bucket']);
      }),
    );
    // Integer division, the same on SQLite and PostgreSQL for these bigints.
    const day = `(hour_start / ${DAY_MS}) * ${DAY_MS}`;
    const keys = ROLLUP_KEY_COLUMNS.map((column) => (column === 'hour_start' ? day : column)).join(', ');
    const measures = [...ROLLUP_COUNT_COLUMNS, ...ROLLUP_SUM_COLUMNS];
    this.addSql(
      `insert into llm_call_rollups_daily (${[...ROLLUP_KEY_COLUMNS, ...measures].join(', ')}) select ${keys}, ${measures.map((m) => `sum(${m})`).join(', ')} from llm_call_rollups group by ${keys}`,
    );
    this.addSql(
      `insert into llm_latency_rollups_daily (${[...ROLLUP_KEY_COLUMNS, 'bucket', 'calls'].join(', ')}) select ${keys}, bucket, sum(calls) from llm_latency_rollups group by ${keys}, bucket`,
    );
  }

  override down(): void {
    const schema = () => this.getKnex().schema;
    this.addAll(schema().dropTable('llm_latency_rollups_daily'), schema().dropTable('llm_call_rollups_daily'));
  }

  /** One statement per addSql call: the SQLite driver runs only the first of several. */
  private addAll(...builders: Knex.SchemaBuilder[]): void {
    for (const builder of builders) {
      for (const statement of builder.toSQL()) this.addSql(statement.sql);
    }
  }
}
