import type { Knex } from '@mikro-orm/knex';
import { ObservatoryValidationError } from '../observatory-error.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { storedIds } from '../store/stored-id.js';

/** At most this many words of a search are used: each one narrows, more add nothing but cost. */
const MAX_TERMS = 8;

/**
 * The words of a search: letters and digits, as both full-text indexes split text. Every
 * word must occur in the call's prompt or response (in any order); case is ignored.
 */
export function searchTerms(text: string): string[] {
  const terms = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (terms.length === 0) {
    throw new ObservatoryValidationError('query', [
      { field: 'text', value: text, message: 'has no word to search for (letters or digits)' },
    ]);
  }
  return terms.map((term) => term.slice(0, 64));
}

/** A search's words and, on PostgreSQL when few calls hold them, those calls' ids. */
export interface TextMatch {
  terms: string[];
  /** null: many calls match (or SQLite), so queries test each row they walk instead. */
  callIds: string[] | null;
}

/** Up to this many matches, a search is answered from the matching ids (found by the GIN index). */
const FEW_MATCHES = 2000;

/**
 * Prepare a search. On PostgreSQL a bounded probe of the GIN index tells rare words from
 * common ones: a newest-first walk finds 50 calls of a common word at once but reads every
 * row's words for a word that occurs nowhere (6.9 s on 1M calls), while the index lists a
 * rare word's few calls directly. The planner cannot tell them apart (it guesses 0.4%).
 */
export async function matchText(knex: Knex, dialect: StoreDialect, text: string): Promise<TextMatch> {
  const terms = searchTerms(text);
  if (dialect !== 'postgresql') return { terms, callIds: null };
  const rows: Array<{ id: string }> = await knex('llm_call_texts')
    .select('id')
    .whereRaw(`text_search @@ plainto_tsquery('simple'::regconfig, ?)`, [terms.join(' ')])
    .limit(FEW_MATCHES + 1);
  return { terms, callIds: rows.length <= FEW_MATCHES ? rows.map((row) => row.id) : null };
}

/**
 * Keep the calls (table `alias`) whose prompt or response holds every word of `match`.
 *
 * SQLite: an FTS5 index (`llm_call_texts_fts`, external content over `llm_call_texts`)
 * filled by `indexCallText` outside the write path, so recording never pays for it; texts
 * written since its last run are matched with LIKE, so a search is complete either way. A
 * call's texts row has its call's rowid (insertCallTexts), so the index's matches are the
 * calls' rowids and a search never reads the texts. PostgreSQL: the GIN index on the texts'
 * `text_search` column, kept by the database on insert.
 */
export function whereCallTextMatches(
  builder: Knex.QueryBuilder,
  dialect: StoreDialect,
  match: TextMatch,
  alias = 'llm_calls',
): void {
  const { terms } = match;
  if (dialect === 'postgresql') {
    if (match.callIds) builder.whereIn(`${alias}.id`, match.callIds);
    else
      builder.whereRaw(
        `exists (select 1 from llm_call_texts t where t.id = ${alias}.id and t.text_search @@ plainto_tsquery('simple'::regconfig, ?))`,
        [terms.join(' ')],
      );
    return;
  }
  const ftsQuery = terms.map((term) => `"${term}"`).join(' ');
  const unindexed = terms.map(() => '(t.prompt like ? or t.response_text like ?)').join(' and ');
  builder.whereRaw(
    `(${alias}.rowid in (select rowid from llm_call_texts_fts where llm_call_texts_fts match ?) or (${alias}.rowid > (select coalesce(max(id), 0) from llm_call_texts_fts_docsize) and exists (select 1 from llm_call_texts t where t.rowid = ${alias}.rowid and ${unindexed})))`,
    [ftsQuery, ...terms.flatMap((term) => [`%${term}%`, `%${term}%`])],
  );
}

/**
 * Add texts written since the last run to SQLite's full-text index, oldest first, at most
 * `maxRows` per statement (one short write). Returns how many were added; fewer than
 * `maxRows` means the index has caught up. PostgreSQL keeps its index itself: 0.
 */
export async function indexCallText(knex: Knex, dialect: StoreDialect, maxRows = 2000): Promise<number> {
  if (dialect === 'postgresql') return 0;
  const result = await knex.raw(
    `insert into llm_call_texts_fts (rowid, prompt, response_text)
     select rowid, prompt, response_text from llm_call_texts
     where rowid > (select coalesce(max(id), 0) from llm_call_texts_fts_docsize)
     order by rowid limit ?`,
    [maxRows],
  );
  const r = result as { changes?: number; rowCount?: number } | unknown[] | undefined;
  return Array.isArray(r) ? 0 : Number(r?.changes ?? r?.rowCount ?? 0);
}

/**
 * Take calls out of SQLite's full-text index before they are deleted (an external-content
 * index must be told the deleted text). Only calls already indexed are named.
 */
export async function unindexCallText(knex: Knex, dialect: StoreDialect, sessionIds: string[]): Promise<void> {
  if (dialect === 'postgresql' || sessionIds.length === 0) return;
  await knex.raw(
    `insert into llm_call_texts_fts (llm_call_texts_fts, rowid, prompt, response_text)
     select 'delete', t.rowid, t.prompt, t.response_text from llm_calls c join llm_call_texts t on t.rowid = c.rowid
     where c.session_id in (${sessionIds.map(() => '?').join(', ')})
       and c.rowid <= (select coalesce(max(id), 0) from llm_call_texts_fts_docsize)`,
    storedIds(dialect, sessionIds),
  );
}
