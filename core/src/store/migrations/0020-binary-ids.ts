import { Migration } from '@mikro-orm/migrations';
import { runsOnPostgres } from '../store-dialect.js';

/** The columns holding a call's or session's id. */
const ID_COLUMNS: ReadonlyArray<[table: string, column: string]> = [
  ['sessions', 'id'],
  ['llm_calls', 'id'],
  ['llm_calls', 'session_id'],
  ['llm_calls', 'parent_id'],
  ['llm_call_texts', 'id'],
];

/** A lowercase UUID, as GLOB (case-sensitive) spells it: what stored-id.ts keeps as 16 bytes. */
const LOWERCASE_UUID_GLOB = [8, 4, 4, 4, 12].map((digits) => '[0-9a-f]'.repeat(digits)).join('-');

/** SQL giving the UUID text of 16 stored bytes. */
function uuidText(column: string): string {
  const part = (start: number, length: number) => `substr(lower(hex(${column})), ${start}, ${length})`;
  return `${part(1, 8)} || '-' || ${part(9, 4)} || '-' || ${part(13, 4)} || '-' || ${part(17, 4)} || '-' || ${part(21, 12)}`;
}

/**
 * SQLite: ids that are lowercase UUIDs kept as their 16 bytes instead of 36 characters
 * (stored-id.ts): ~80 bytes a call over its row, its primary key and its index by session.
 * Rows keep their rowids, so the full-text index still lists the same calls. A session's
 * id and its calls' session_id change together: the foreign key is checked at commit.
 * PostgreSQL is unchanged.
 */
export class Migration0020BinaryIds extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) return;
    this.addSql('pragma defer_foreign_keys = on');
    for (const [table, column] of ID_COLUMNS) {
      this.addSql(
        `update ${table} set ${column} = unhex(replace(${column}, '-', '')) where ${column} glob '${LOWERCASE_UUID_GLOB}'`,
      );
    }
  }

  override down(): void {
    if (runsOnPostgres(this)) return;
    this.addSql('pragma defer_foreign_keys = on');
    for (const [table, column] of ID_COLUMNS) {
      this.addSql(`update ${table} set ${column} = ${uuidText(column)} where typeof(${column}) = 'blob'`);
    }
  }
}
