import { Migration } from '@mikro-orm/migrations';
import { POSTGRES_CALL_TEXT } from '../call-text-column.js';
import { runsOnPostgres } from '../store-dialect.js';

/**
 * Full-text search over calls' prompts and responses. PostgreSQL: a stored generated
 * column of the calls' words with a GIN index, kept by the database (adding it rewrites
 * the table once: about 3 minutes per million calls with prompts on this machine). SQLite: an
 * FTS5 table over `llm_calls` (external content: the text is not stored twice), created
 * empty; `indexCallText` fills it outside the write path, so recording never pays for it.
 */
export class Migration0006CallTextSearch extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) {
      this.addSql(
        `alter table llm_calls add column if not exists text_search tsvector generated always as (${POSTGRES_CALL_TEXT}) stored`,
      );
      this.addSql('create index if not exists llm_calls_text_idx on llm_calls using gin (text_search)');
      return;
    }
    this.addSql(
      "create virtual table if not exists llm_calls_fts using fts5(prompt, response_text, content = 'llm_calls', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2')",
    );
  }

  override down(): void {
    if (runsOnPostgres(this)) {
      this.addSql('drop index if exists llm_calls_text_idx');
      this.addSql('alter table llm_calls drop column if exists text_search');
      return;
    }
    this.addSql('drop table if exists llm_calls_fts');
  }
}
