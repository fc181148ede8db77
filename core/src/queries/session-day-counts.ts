import type { Knex } from '@mikro-orm/knex';
import type { StoreDialect } from '../store/store-dialect.js';
import { toNumber } from './filters.js';
import { toDate } from './read-row-values.js';

const DAY_MS = 86_400_000;

/** Sessions started, and of those failed, in one project. */
export interface SessionTally {
  sessions: number;
  failed: number;
}

interface DayEntry {
  loadedAt: number;
  byProject: Map<string, SessionTally>;
}

/**
 * Session counts per project over a time range, from per-day counts of closed UTC days
 * (kept for `ttlMs`) plus a live count of the open edges (today, and partial days at the
 * range's ends). A 30-day overview on 356k sessions counted every one of them on each
 * request (PostgreSQL 110–250 ms); a closed day's count changes only when a session that
 * started that day ends as failed later, so it is refreshed every ten minutes. Writes
 * through the storage API that move or delete sessions (align, prune, import) clear it.
 */
export class SessionDayCounts {
  private readonly days = new Map<number, DayEntry>();
  private firstStart: { at: number; loadedAt: number } | null = null;

  constructor(
    private readonly ttlMs = 600_000,
    private readonly now: () => number = Date.now,
  ) {}

  clear(): void {
    this.days.clear();
    this.firstStart = null;
  }

  /** Sessions started in [from, to), per project (all projects, or `projectName` only). */
  async count(
    knex: Knex,
    dialect: StoreDialect,
    range: { projectName?: string; from?: Date; to?: Date },
  ): Promise<Map<string, SessionTally>> {
    const now = this.now();
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    const from = range.from?.getTime() ?? (await this.firstSessionStart(knex, now));
    const to = range.to?.getTime();
    const totals = new Map<string, SessionTally>();
    if (from === null) return totals;
    const closedStart = Math.ceil(from / DAY_MS) * DAY_MS;
    const closedEnd = Math.min(to === undefined ? today : Math.floor(to / DAY_MS) * DAY_MS, today);
    if (closedStart >= closedEnd) {
      add(totals, await countLive(knex, range.projectName, from, to));
      return totals;
    }
    const [head, tail] = await Promise.all([
      from < closedStart ? countLive(knex, range.projectName, from, closedStart) : new Map<string, SessionTally>(),
      countLive(knex, range.projectName, closedEnd, to),
      this.loadDays(knex, dialect, closedStart, closedEnd, now),
    ]);
    add(totals, head);
    add(totals, tail);
    for (let day = closedStart; day < closedEnd; day += DAY_MS) {
      const entry = this.days.get(day);
      if (!entry) continue;
      for (const [project, tally] of entry.byProject) {
        if (range.projectName === undefined || range.projectName === project) add(totals, new Map([[project, tally]]));
      }
    }
    return totals;
  }

  /** Load the days of [start, end) not held or older than the TTL, in one grouped read. */
  private async loadDays(knex: Knex, dialect: StoreDialect, start: number, end: number, now: number): Promise<void> {
    let first: number | null = null;
    let last: number | null = null;
    for (let day = start; day < end; day += DAY_MS) {
      const entry = this.days.get(day);
      if (entry && now - entry.loadedAt < this.ttlMs) continue;
      first ??= day;
      last = day;
    }
    if (first === null || last === null) return;
    const dayOf =
      dialect === 'postgresql'
        ? 'floor(extract(epoch from start_time) / 86400)'
        : 'cast(start_time / 86400000 as integer)';
    const rows: Array<Record<string, unknown>> = await knex('sessions')
      .select(
        knex.raw(`${dayOf} as day`),
        knex.raw("project_name || '' as project_name"),
        knex.raw('count(*) as sessions'),
        knex.raw('coalesce(sum(case when success = ? then 1 else 0 end), 0) as failed', [false]),
      )
      .where('start_time', '>=', new Date(first))
      .where('start_time', '<', new Date(last + DAY_MS))
      .groupByRaw(`${dayOf}, project_name || ''`);
    for (let day = first; day <= last; day += DAY_MS) this.days.set(day, { loadedAt: now, byProject: new Map() });
    for (const row of rows) {
      const entry = this.days.get(toNumber(row.day) * DAY_MS);
      entry?.byProject.set(String(row.project_name), {
        sessions: toNumber(row.sessions),
        failed: toNumber(row.failed),
      });
    }
  }

  /** Start (epoch ms) of the oldest session, or null when there is none. */
  private async firstSessionStart(knex: Knex, now: number): Promise<number | null> {
    if (this.firstStart && now - this.firstStart.loadedAt < this.ttlMs) return this.firstStart.at;
    const [row] = await knex('sessions').min({ first: 'start_time' });
    if (row?.first == null) return null;
    const at = toDate(row.first).getTime();
    this.firstStart = { at, loadedAt: now };
    return at;
  }
}

/** Sessions started in [from, to) per project, counted now (small ranges: an index range scan). */
async function countLive(
  knex: Knex,
  projectName: string | undefined,
  from: number,
  to: number | undefined,
): Promise<Map<string, SessionTally>> {
  const query = knex('sessions')
    .select(
      knex.raw("project_name || '' as project_name"),
      knex.raw('count(*) as sessions'),
      knex.raw('coalesce(sum(case when success = ? then 1 else 0 end), 0) as failed', [false]),
    )
    .where('start_time', '>=', new Date(from))
    // By an expression, not the bare column: SQLite would otherwise walk the whole
    // (project_name, …) index in project order rather than range-scan on start_time.
    .groupByRaw("project_name || ''");
  if (to !== undefined) query.where('start_time', '<', new Date(to));
  if (projectName !== undefined) query.where('project_name', projectName);
  const rows: Array<Record<string, unknown>> = await query;
  return new Map(
    rows.map((row) => [String(row.project_name), { sessions: toNumber(row.sessions), failed: toNumber(row.failed) }]),
  );
}

function add(totals: Map<string, SessionTally>, more: Map<string, SessionTally>): void {
  for (const [project, tally] of more) {
    const sum = totals.get(project) ?? { sessions: 0, failed: 0 };
    sum.sessions += tally.sessions;
    sum.failed += tally.failed;
    totals.set(project, sum);
  }
}
