import { Migration } from '@mikro-orm/migrations';
import { postgresCallText } from '../../queries/call-text-search.js';

/**
 * Full-text search over calls' prompts and responses. PostgreSQL: a GIN index on the
 * calls' text, kept by the database (building it reads every stored call once). SQLite: an
 * FTS5 table over `llm_calls` (external content: the text is not stored twice), created
 * empty; `indexCallText` fills it outside the write path, so recording never pays for it.
 */
export class Migration0006CallTextSearch extends Migration {
  override up(): void {
    if (this.isPostgres()) {
      this.addSql(`create index if not exists llm_calls_text_idx on llm_calls using gin (${postgresCallText()})`);
      return;
    }
    this.addSql(
      "create virtual table if not exists llm_calls_fts using fts5(prompt, response_text, content = 'llm_calls', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2')",
    );
  }

  override down(): void {
    this.addSql(this.isPostgres() ? 'drop index if exists llm_calls_text_idx' : 'drop table if exists llm_calls_fts');
  }

  private isPostgres(): boolean {
    return (this.getKnex().client as { dialect?: string }).dialect === 'postgresql';
  }
}
