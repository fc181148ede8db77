import { Migration } from '@mikro-orm/migrations';
import { SESSION_FILTER_COLUMNS, SESSION_SORT_INDEXES, SESSION_SORTS, sortSql } from '../../queries/find-sessions.js';
import { runsOnPostgres } from './store-dialect.js';

/** The indexes of migrations 0001 and 0010 that the covering ones replace, by sort. */
const REPLACED = {
  start: ['sessions_start_idx', 'start_time'],
  cost: ['sessions_cost_idx', 'total_cost, id'],
  calls: ['sessions_calls_idx', 'total_llm_calls, id'],
  duration: ['sessions_duration_idx', `(${sortSql('duration', 'sqlite')}), id`],
} as const;

/**
 * SQLite: each sort of the sessions list gets one covering index, its key and id followed by
 * every column the list's filters test (project, operation, outcome, times, cost, calls), so
 * any combination of those filters walks one index in order and reads only the matching
 * rows. Before, a filter whose matches sat far along the sort (a cheap project sorted by
 * cost, failures sorted by duration) read up to every session row: 300–800 ms for 356k
 * sessions; walking the whole covering index takes 30 ms. They replace the sort indexes of
 * migrations 0001 and 0010, whose every use they serve. PostgreSQL plans from statistics
 * over its narrower indexes: unchanged.
 */
export class Migration0014SessionsSortCoveringIndexes extends Migration {
  override up(): void {
    if (runsOnPostgres(this)) return;
    for (const sort of SESSION_SORTS) {
      const key = sort === 'start' ? 'start_time' : sortSql(sort, 'sqlite').replace(/^sessions\./, '');
      const rest = SESSION_FILTER_COLUMNS.filter((column) => column !== key);
      const columns = [sort === 'duration' ? `(${key})` : key, 'id', ...rest];
      this.addSql(`create index if not exists ${SESSION_SORT_INDEXES[sort]} on sessions (${columns.join(', ')})`);
      this.addSql(`drop index if exists ${REPLACED[sort][0]}`);
    }
  }

  override down(): void {
    if (runsOnPostgres(this)) return;
    for (const sort of SESSION_SORTS) {
      const [name, columns] = REPLACED[sort];
      this.addSql(`create index if not exists ${name} on sessions (${columns})`);
      this.addSql(`drop index if exists ${SESSION_SORT_INDEXES[sort]}`);
    }
  }
}
