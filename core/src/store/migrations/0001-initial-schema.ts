import type { Knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * The initial schema: `sessions`, `llm_calls` and the two rollup tables. Written with the
 * knex schema builder so the same migration produces correct DDL for SQLite and PostgreSQL.
 */
export class Migration0001InitialSchema extends Migration {
  override up(): void {
    // `knex.schema` is a fresh builder on every access; one builder accumulates statements.
    const schema = () => this.getKnex().schema;
    this.addAll(
      schema().createTable('sessions', (t) => {
        t.string('id', 128).primary();
        t.string('project_name', 256).notNullable();
        t.string('operation_type', 256).notNullable();
        t.timestamp('start_time', { useTz: true }).notNullable();
        t.timestamp('end_time', { useTz: true }).nullable();
        t.double('total_cost').notNullable().defaultTo(0);
        t.bigInteger('total_tokens').notNullable().defaultTo(0);
        t.integer('total_llm_calls').notNullable().defaultTo(0);
        t.double('total_latency_ms').notNullable().defaultTo(0);
        t.boolean('success').nullable();
        t.text('error').nullable();
        t.jsonb('metadata').nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['project_name', 'start_time'], 'sessions_project_start_idx');
        t.index(['start_time'], 'sessions_start_idx');
      }),
      schema().createTable('llm_calls', (t) => {
        t.string('id', 128).primary();
        t.string('session_id', 128).notNullable().references('id').inTable('sessions').onDelete('CASCADE');
        t.string('project_name', 256).notNullable();
        t.timestamp('timestamp', { useTz: true }).notNullable();
        t.string('model_provider', 64).notNullable();
        t.string('model_name', 256).notNullable();
        t.integer('prompt_tokens').notNullable();
        t.integer('completion_tokens').notNullable();
        t.integer('total_tokens').notNullable();
        t.integer('cached_prompt_tokens').notNullable().defaultTo(0);
        t.integer('cache_write_tokens').notNullable().defaultTo(0);
        t.integer('reasoning_tokens').notNullable().defaultTo(0);
        t.double('latency_ms').notNullable();
        t.double('ttft_ms').nullable();
        t.double('total_cost').notNullable();
        t.string('cost_source', 16).notNullable();
        t.string('usage_source', 16).notNullable();
        t.string('agent_name', 256).nullable();
        t.string('operation_name', 256).nullable();
        t.text('prompt').nullable();
        t.text('response_text').nullable();
        t.jsonb('routing_decision').nullable();
        t.jsonb('cache_metadata').nullable();
        t.jsonb('quality_evaluation').nullable();
        t.text('error').nullable();
        t.string('finish_reason', 64).nullable();
        t.string('parent_id', 128).nullable();
        t.jsonb('metadata').nullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['project_name', 'timestamp'], 'llm_calls_project_timestamp_idx');
        t.index(['session_id'], 'llm_calls_session_idx');
        t.index(['model_name'], 'llm_calls_model_idx');
        t.index(['agent_name'], 'llm_calls_agent_idx');
      }),
      schema().createTable('llm_call_rollups', (t) => {
        addRollupKey(t);
        t.primary([...ROLLUP_KEY_COLUMNS]);
        for (const column of ROLLUP_COUNT_COLUMNS) t.bigInteger(column).notNullable().defaultTo(0);
        for (const column of ROLLUP_SUM_COLUMNS) t.double(column).notNullable().defaultTo(0);
      }),
      schema().createTable('llm_latency_rollups', (t) => {
        addRollupKey(t);
        t.integer('bucket').notNullable();
        t.bigInteger('calls').notNullable().defaultTo(0);
        t.primary([...ROLLUP_KEY_COLUMNS, 'bucket']);
      }),
    );
  }

  override down(): void {
    const schema = () => this.getKnex().schema;
    this.addAll(
      schema().dropTable('llm_latency_rollups'),
      schema().dropTable('llm_call_rollups'),
      schema().dropTable('llm_calls'),
      schema().dropTable('sessions'),
    );
  }

  /** One statement per addSql call: the SQLite driver runs only the first of several. */
  private addAll(...builders: Knex.SchemaBuilder[]): void {
    for (const builder of builders) {
      for (const statement of builder.toSQL()) this.addSql(statement.sql);
    }
  }
}

/** The rollup tables' columns, shared with later migrations that add rollup tables of other periods. */
export const ROLLUP_KEY_COLUMNS = [
  'project_name',
  'hour_start',
  'model_provider',
  'model_name',
  'agent_name',
  'operation_name',
] as const;

export const ROLLUP_COUNT_COLUMNS = [
  'calls',
  'error_calls',
  'prompt_tokens',
  'completion_tokens',
  'cached_prompt_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'unpriced_calls',
  'estimated_usage_calls',
  'ttft_calls',
  'cache_lookups',
  'cache_hits',
  'routed_calls',
  'judged_calls',
  'hallucinations',
  'factual_errors',
];

export const ROLLUP_SUM_COLUMNS = [
  'total_cost',
  'latency_sum_ms',
  'ttft_sum_ms',
  'routing_savings',
  'judge_score_sum',
  'judge_score_sq_sum',
];

export function addRollupKey(t: Knex.CreateTableBuilder): void {
  t.string('project_name', 256).notNullable();
  t.bigInteger('hour_start').notNullable();
  t.string('model_provider', 64).notNullable();
  t.string('model_name', 256).notNullable();
  t.string('agent_name', 256).notNullable();
  t.string('operation_name', 256).notNullable();
}
