/**
 * The words PostgreSQL searches for a call: the stored generated column `text_search`
 * (migration 0006) holds this, with a GIN index on it. Stored, not an expression index, so
 * checking a row (a bitmap recheck, a newest-first walk) reads the words instead of
 * re-parsing up to 200,000 characters of text. Each side is cut at 100,000 characters to
 * stay far under tsvector's 1 MB limit, which would otherwise fail the insert of a call
 * with a huge prompt.
 */
export const POSTGRES_CALL_TEXT =
  "to_tsvector('simple'::regconfig, left(coalesce(prompt, ''), 100000) || ' ' || left(coalesce(response_text, ''), 100000))";
