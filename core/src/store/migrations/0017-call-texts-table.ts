import { Migration } from '@mikro-orm/migrations';
import { POSTGRES_CALL_TEXT } from '../call-text-column.js';
import { runsOnPostgres } from '../store-dialect.js';
import { SESSION_STEPS_INDEX } from './0013-session-steps-index.js';
import { WINDOW_INDEX } from './0015-calls-window-index.js';

const SESSION_TIME_INDEX = 'create index if not exists llm_calls_session_time_idx on llm_calls (session_id, timestamp)';
const FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2'";

/**
 * A call's prompt and response move out of its row into `llm_call_texts` (one row per call
 * that has either, keyed by the call's id, deleted with it). SQLite keeps a row whole, so a
 * call's row held its prompt and every read of many calls' measures walked the texts: the
 * two covering indexes of migrations 0013 and 0015 worked around that at 238 bytes a call
 * (42% of a store without texts). With narrow rows they go, and plain indexes of calls by
 * time and by session and time take their place (without the call's id, 36 bytes a call:
 * ties in time are put in id order by a sort of the few tied rows). The full-text index follows the texts: SQLite's FTS5 table is made again
 * (`llm_call_texts_fts`) over `llm_call_texts` and is refilled by `indexCallText` (searches match the
 * calls not yet indexed with LIKE meanwhile); PostgreSQL's `text_search` column and its GIN
 * index move with the texts, and its index of calls by session and time drops the id too.
 * Dropping the columns rewrites SQLite's calls table once.
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
    this.addSql(
      'create table `llm_call_texts` (`id` varchar(128) not null, `prompt` text null, `response_text` text null, foreign key(`id`) references `llm_calls`(`id`) on delete CASCADE, primary key (`id`))',
    );
    this.addSql(
      'insert into llm_call_texts (id, prompt, response_text) select id, prompt, response_text from llm_calls where prompt is not null or response_text is not null order by rowid',
    );
    this.addSql(
      `create virtual table llm_call_texts_fts using fts5(prompt, response_text, content = 'llm_call_texts', content_rowid = 'rowid', ${FTS_OPTIONS})`,
    );
    this.addSql('drop index if exists llm_calls_session_steps_idx');
    this.addSql('drop index if exists llm_calls_window_idx');
    this.addSql('alter table llm_calls drop column prompt');
    this.addSql('alter table llm_calls drop column response_text');
    this.addSql(SESSION_TIME_INDEX);
    this.addSql('create index if not exists llm_calls_timestamp_idx on llm_calls (timestamp)');
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
