import { Migration } from '@mikro-orm/migrations';
import { runsOnPostgres } from '../store-dialect.js';

/** The columns holding a call's or session's id, by table. */
const ID_COLUMNS: ReadonlyArray<[table: string, columns: string[]]> = [
  ['sessions', ['id']],
  ['llm_calls', ['id', 'session_id', 'parent_id']],
  ['llm_call_texts', ['id']],
];

/**
 * Rows rewritten per statement. libSQL keeps a statement's journal in memory, and one
 * statement over a 1M-call store's texts held 1.3 GB (peak RSS).
 */
const ROWS_PER_STATEMENT = 20_000;

/** A lowercase UUID, as GLOB (case-sensitive) spells it: what stored-id.ts keeps as 16 bytes. */
const LOWERCASE_UUID_GLOB = [8, 4, 4, 4, 12].map((digits) => '[0-9a-f]'.repeat(digits)).join('-');

const toBytes = (column: string) =>
  `${column} = case when ${column} glob '${LOWERCASE_UUID_GLOB}' then unhex(replace(${column}, '-', '')) else ${column} end`;

/** The UUID text of 16 stored bytes. */
function toText(column: string): string {
  const part = (start: number, length: number) => `substr(lower(hex(${column})), ${start}, ${length})`;
  const uuid = `${part(1, 8)} || '-' || ${part(9, 4)} || '-' || ${part(13, 4)} || '-' || ${part(17, 4)} || '-' || ${part(21, 12)}`;
  return `${column} = case when typeof(${column}) = 'blob' then ${uuid} else ${column} end`;
}

/**
 * SQLite: ids that are lowercase UUIDs kept as their 16 bytes instead of 36 characters
 * (stored-id.ts): ~90 bytes a call over its row, its primary key and its index by session.
 * Rows keep their rowids, so the full-text index still lists the same calls. A session's
 * id and its calls' session_id change in one transaction: the foreign key is checked at
 * commit. PostgreSQL is unchanged.
 */
export class Migration0020BinaryIds extends Migration {
  override async up(): Promise<void> {
    await this.rewriteIds(toBytes);
  }

  override async down(): Promise<void> {
    await this.rewriteIds(toText);
  }

  /** Set each id column to `assignment`'s value, a slice of rows at a time. */
  private async rewriteIds(assignment: (column: string) => string): Promise<void> {
    if (runsOnPostgres(this)) return;
    this.addSql('pragma defer_foreign_keys = on');
    for (const [table, columns] of ID_COLUMNS) {
      const [{ last }] = (await this.execute(`select coalesce(max(rowid), 0) as last from ${table}`)) as Array<{
        last: number;
      }>;
      for (let from = 0; from < last; from += ROWS_PER_STATEMENT) {
        this.addSql(
          `update ${table} set ${columns.map(assignment).join(', ')} where rowid > ${from} and rowid <= ${from + ROWS_PER_STATEMENT}`,
        );
      }
    }
  }
}
