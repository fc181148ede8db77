import { Migration } from '@mikro-orm/migrations';
import { sessionDurationSql } from '../session-sort-indexes.js';
import { runsOnPostgres } from '../store-dialect.js';

/**
 * The sessions list's sorts and filters from indexes: by cost, by calls and by duration
 * (an expression index on the same expression the list sorts by), running sessions (a
 * partial index), and on PostgreSQL a GIN index of session metadata for `key = value`
 * (containment). Before, each sorted the range's sessions in full (190–300 ms for 356k
 * sessions on PostgreSQL) or walked them all for a rare metadata value (350 ms).
 */
export class Migration0010SessionsBySortAndStatus extends Migration {
  override up(): void {
    const postgres = runsOnPostgres(this);
    const dialect = postgres ? 'postgresql' : 'sqlite';
    this.addSql('create index if not exists sessions_cost_idx on sessions (total_cost, id)');
    this.addSql('create index if not exists sessions_calls_idx on sessions (total_llm_calls, id)');
    this.addSql(`create index if not exists sessions_duration_idx on sessions ((${sessionDurationSql(dialect)}), id)`);
    this.addSql('create index if not exists sessions_open_idx on sessions (start_time) where end_time is null');
    if (postgres) {
      this.addSql('create index if not exists sessions_metadata_idx on sessions using gin (metadata jsonb_path_ops)');
    }
  }

  override down(): void {
    for (const name of [
      'sessions_cost_idx',
      'sessions_calls_idx',
      'sessions_duration_idx',
      'sessions_open_idx',
      'sessions_metadata_idx',
    ]) {
      this.addSql(`drop index if exists ${name}`);
    }
  }
}
