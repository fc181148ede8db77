import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';
import { addRollupKey, ROLLUP_KEY_COLUMNS } from './0001-initial-schema.js';

/** The histogram's buckets when this migration was written (LATENCY_BUCKET_BOUNDS_MS has 38 bounds). */
const BUCKETS = 39;
const BUCKET_COLUMNS = Array.from({ length: BUCKETS }, (_, bucket) => `latency_bucket_${bucket}`);

/** Each call rollup table and the histogram table it takes in. */
const TABLES = [
  { rollups: 'llm_call_rollups', histogram: 'llm_latency_rollups' },
  { rollups: 'llm_call_rollups_daily', histogram: 'llm_latency_rollups_daily' },
];

/**
 * The latency histograms move onto the call rollup rows, a column per bucket, from tables
 * keeping a row per rollup key and bucket. A batch of calls then upserts one row per key
 * (about 20 for 1,000 calls) rather than one per key and bucket as well (about 260 more,
 * each with a seven-column key and its index): the writer's largest cost after the calls
 * themselves. Percentiles sum the bucket columns of the same rows the other measures read.
 * Stored histograms are carried over, and back on the way down.
 */
export class Migration0018LatencyHistogramColumns extends Migration {
  override up(): void {
    const keys = ROLLUP_KEY_COLUMNS.join(', ');
    for (const { rollups, histogram } of TABLES) {
      // One column at a time: SQLite adds one per ALTER TABLE.
      for (const column of BUCKET_COLUMNS)
        this.addSql(`alter table ${rollups} add column ${column} bigint not null default 0`);
      const pivot = BUCKET_COLUMNS.map(
        (column, bucket) => `sum(case when bucket = ${bucket} then calls else 0 end) as ${column}`,
      ).join(', ');
      const sameKey = ROLLUP_KEY_COLUMNS.map((column) => `${rollups}.${column} = h.${column}`).join(' and ');
      this.addSql(
        `update ${rollups} set ${BUCKET_COLUMNS.map((column) => `${column} = h.${column}`).join(', ')} from (select ${keys}, ${pivot} from ${histogram} group by ${keys}) as h where ${sameKey}`,
      );
      this.addSql(`drop table ${histogram}`);
    }
  }

  override down(): void {
    const schema = () => this.getKnex().schema;
    this.addAll(
      ...TABLES.map(({ histogram }) =>
        schema().createTable(histogram, (t) => {
          addRollupKey(t);
          t.integer('bucket').notNullable();
          t.bigInteger('calls').notNullable().defaultTo(0);
          t.primary([...ROLLUP_KEY_COLUMNS, 'bucket']);
          if (histogram === 'llm_latency_rollups') t.index(['hour_start'], 'llm_latency_rollups_hour_idx');
        }),
      ),
    );
    const keys = ROLLUP_KEY_COLUMNS.join(', ');
    for (const { rollups, histogram } of TABLES) {
      for (const [bucket, column] of BUCKET_COLUMNS.entries()) {
        this.addSql(
          `insert into ${histogram} (${keys}, bucket, calls) select ${keys}, ${bucket}, ${column} from ${rollups} where ${column} <> 0`,
        );
      }
      for (const column of BUCKET_COLUMNS) this.addSql(`alter table ${rollups} drop column ${column}`);
    }
  }

  /** One statement per addSql call: the SQLite driver runs only the first of several. */
  private addAll(...builders: Knex.SchemaBuilder[]): void {
    for (const builder of builders) {
      for (const statement of builder.toSQL()) this.addSql(statement.sql);
    }
  }
}
