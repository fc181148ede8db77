import { Migration } from '@mikro-orm/migrations';
import { POSTGRES_CALL_TEXT } from '../call-text-column.js';
import { runsOnPostgres } from '../store-dialect.js';
import { SESSION_STEPS_INDEX } from './0013-session-steps-index.js';
import { WINDOW_INDEX } from './0015-calls-window-index.js';

const SESSION_TIME_INDEX = 'create index if not exists llm_calls_session_time_idx on llm_calls (session_id, timestamp)';
const FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2'";

/** The calls' columns without their texts, as SQLite keeps them after migration 0016. */
const CALL_COLUMNS_SQL =
  "`id` varchar(128), `session_id` varchar(128) not null, `project_name` varchar(256) not null, `timestamp` datetime not null, `model_provider` varchar(64) not null, `model_name` varchar(256) not null, `prompt_tokens` integer not null, `completion_tokens` integer not null, `total_tokens` integer not null, `cached_prompt_tokens` integer not null default '0', `cache_write_tokens` integer not null default '0', `reasoning_tokens` integer not null default '0', `latency_ms` float not null, `ttft_ms` float null, `total_cost` float not null, `cost_source` varchar(16) not null, `usage_source` varchar(16) not null, `agent_name` varchar(256) null, `operation_name` varchar(256) null, `routing_decision` json null, `cache_metadata` json null, `quality_evaluation` json null, `error` text null, `finish_reason` varchar(64) null, `parent_id` varchar(128) null, `metadata` json null, `created_at` datetime not null, `cache_write_1h_tokens` integer not null default 0, foreign key(`session_id`) references `sessions`(`id`) on delete CASCADE, primary key (`id`)";
const CALL_COLUMN_NAMES = [...CALL_COLUMNS_SQL.matchAll(/`(\w+)` (?:varchar|datetime|integer|float|json|text)/g)]
  .map((match) => match[1])
  .join(', ');

/** The calls' indexes after this migration (the older ones, and the two plain ones replacing the covering ones). */
const CALL_INDEXES = [
  'create index `llm_calls_project_timestamp_idx` on `llm_calls` (`project_name`, `timestamp`)',
  'create index `llm_calls_model_idx` on `llm_calls` (`model_name`)',
  'create index `llm_calls_agent_idx` on `llm_calls` (`agent_name`)',
  'create index `llm_calls_failed_by_session_idx` on `llm_calls` (`session_id`) where `error` is not null',
  `create index llm_calls_prompt_variant_idx on llm_calls (timestamp) where json_type(metadata, '$."promptVariant"') is not null`,
  'create index `llm_calls_failed_by_time_idx` on `llm_calls` (`timestamp`) where `error` is not null',
  'create index llm_calls_session_time_idx on llm_calls (session_id, timestamp)',
  'create index llm_calls_timestamp_idx on llm_calls (timestamp)',
];

/**
 * A call's prompt and response move out of its row into `llm_call_texts`: one row per call
 * that has either, keyed by the call's id and deleted with it (on SQLite it also takes its
 * call's rowid, see insertCallTexts). SQLite keeps a row whole, so a call's row held its
 * prompt, and every read of many calls' measures walked the texts: the two covering indexes
 * of migrations 0013 and 0015 worked around that at 238 bytes a call (42% of a store without
 * texts). With narrow rows they go, and plain indexes of calls by time and by session and
 * time take their place (without the call's id, 36 bytes a call: calls tied in time are put
 * in id order by a sort of the tied few).
 *
 * The full-text index follows the texts. SQLite's FTS5 table is made again over the texts
 * (`llm_call_texts_fts`), empty, and refilled by `indexCallText`; meanwhile searches match
 * the texts not yet indexed with LIKE. PostgreSQL's `text_search` column and its GIN index
 * move with the texts, and its index of calls by session and time drops the id too.
 * SQLite copies the calls into a new table once.
 */
export class Migration0017CallTextsTable extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) {
      this.addSql(
        `create table if not exists llm_call_texts (id varchar(128) not null primary key references llm_calls (id) on delete cascade, prompt text null, response_text text null, text_search tsvector generated always as (${POSTGRES_CALL_TEXT}) stored)`,
      );
      this.addSql(
        'insert into llm_call_texts (id, prompt, response_text) select id, prompt, response_text from llm_calls where prompt is not null or response_text is not null',
      );
      this.addSql('alter table llm_calls drop column if exists text_search');
      this.addSql('alter table llm_calls drop column if exists prompt, drop column if exists response_text');
      this.addSql('create index if not exists llm_call_texts_text_idx on llm_call_texts using gin (text_search)');
      this.addSql('drop index if exists llm_calls_session_time_idx');
      this.addSql(SESSION_TIME_INDEX);
      return;
    }
    // SQLite keeps a table's rows where they were when a column is dropped (1M calls then
    // still filled 2.2 GB of pages, their rows ~200 bytes each), so the calls move to a new
    // table, rowids kept, and the texts to theirs; the old pages are left free for new rows.
    this.addSql(`create table \`llm_calls_new\` (${CALL_COLUMNS_SQL})`);
    this.addSql(
      `insert into llm_calls_new (rowid, ${CALL_COLUMN_NAMES}) select rowid, ${CALL_COLUMN_NAMES} from llm_calls`,
    );
    // References the new table, so dropping the old one deletes no texts; the rename below
    // points it at `llm_calls`.
    this.addSql(
      'create table `llm_call_texts` (`id` varchar(128) not null, `prompt` text null, `response_text` text null, foreign key(`id`) references `llm_calls_new`(`id`) on delete CASCADE, primary key (`id`))',
    );
    this.addSql(
      'insert into llm_call_texts (rowid, id, prompt, response_text) select rowid, id, prompt, response_text from llm_calls where prompt is not null or response_text is not null',
    );
    this.addSql(
      `create virtual table llm_call_texts_fts using fts5(prompt, response_text, content = 'llm_call_texts', content_rowid = 'rowid', ${FTS_OPTIONS})`,
    );
    this.addSql('drop table llm_calls');
    this.addSql('alter table llm_calls_new rename to llm_calls');
    for (const index of CALL_INDEXES) this.addSql(index);
    // Last: on the sqlite3 driver, the statement after an FTS5 table's drop in this
    // transaction failed ("SQL logic error"); libSQL minded neither order.
    this.addSql('drop table if exists llm_calls_fts');
  }

  override down(): void {
    if (runsOnPostgres(this)) {
      this.addSql('alter table llm_calls add column prompt text null, add column response_text text null');
      this.addSql(
        'update llm_calls set prompt = t.prompt, response_text = t.response_text from llm_call_texts t where t.id = llm_calls.id',
      );
      this.addSql(
        `alter table llm_calls add column text_search tsvector generated always as (${POSTGRES_CALL_TEXT}) stored`,
      );
      this.addSql('create index if not exists llm_calls_text_idx on llm_calls using gin (text_search)');
      this.addSql('drop table llm_call_texts');
      this.addSql('drop index if exists llm_calls_session_time_idx');
      this.addSql('create index llm_calls_session_time_idx on llm_calls (session_id, timestamp, id)');
      return;
    }
    this.addSql('alter table llm_calls add column prompt text null');
    this.addSql('alter table llm_calls add column response_text text null');
    this.addSql(
      'update llm_calls set prompt = t.prompt, response_text = t.response_text from llm_call_texts t where t.id = llm_calls.id',
    );
    this.addSql(
      `create virtual table llm_calls_fts using fts5(prompt, response_text, content = 'llm_calls', content_rowid = 'rowid', ${FTS_OPTIONS})`,
    );
    this.addSql('drop table llm_call_texts');
    this.addSql(SESSION_STEPS_INDEX);
    this.addSql(WINDOW_INDEX);
    this.addSql('drop index if exists llm_calls_session_time_idx');
    this.addSql('drop index if exists llm_calls_timestamp_idx');
    this.addSql('drop table if exists llm_call_texts_fts');
  }
}
