import type { Knex } from '@mikro-orm/knex';
import { ROLLUP_KEY_FIELDS } from '../store/rollup-fields.js';
import { toColumn } from '../store/row-columns.js';
import { ROLLUP_TABLES } from '../store/write-batch.js';
import type { CallFilter } from './call-filters.js';
import { toNumber } from './filters.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A filter matching at least this share of the calls in range is common: a walk by time finds its page at once. */
const COMMON_SHARE = 0.1;
/** Past this many calls in the hours to read (~50 ms), a filter walks the calls by time instead. */
const MAX_CALLS_IN_HOURS = 50_000;
/** Past this many separate ranges too: each is a term of the SQL (SQLite caps an expression's depth). */
const MAX_RANGES = 200;

/** Time ranges [from, to) of whole hours, consecutive hours merged. */
export type CallHours = Array<[from: Date, to: Date]>;

/** The rollup key fields a call filter can name (every key but the hour). */
const KEY_FIELDS = ROLLUP_KEY_FIELDS.filter((field) => field !== 'hourStart');

/** SQL summing the calls of rollup rows whose key matches the filter, and its values. */
function matchingCallsSql(filter: CallFilter): { sql: string; values: string[] } {
  const conditions: string[] = [];
  const values: string[] = [];
  for (const field of KEY_FIELDS) {
    const value = filter[field];
    if (value === undefined) continue;
    conditions.push(`${toColumn(field)} = ?`);
    values.push(value);
  }
  return { sql: `sum(case when ${conditions.join(' and ')} then calls else 0 end)`, values };
}

/**
 * The hours that hold the calls of a model or an agent, from the hourly rollups (which count
 * every stored call, in the calls' own transactions): a coarse index, where SQLite keeps
 * none per call for models and agents (migration 0021). Reading a rare model's few hours by
 * the index of calls by time finds its calls in milliseconds; without them, a list of its
 * calls walked every call by time (1.4 s for 27 calls in a 1M-call store, with or without an
 * index by model). Undefined when the filter names neither, or when those hours hold too
 * many calls to read: a common model, whose walk by time finds a page at once.
 */
export async function callHoursOf(knex: Knex, filter: CallFilter): Promise<CallHours | undefined> {
  if (filter.modelName === undefined && filter.agentName === undefined) return undefined;
  const matching = matchingCallsSql(filter);
  // First the daily rollups (a few rows a day): a common model's walk by time finds its page
  // at once, and the hourly rollups would cost more than that walk (15–20 ms at 1M calls).
  const days = knex(ROLLUP_TABLES.day).select(
    knex.raw(`${matching.sql} as matching, sum(calls) as calls`, matching.values),
  );
  if (filter.from) days.where('hour_start', '>=', Math.floor(filter.from.getTime() / DAY_MS) * DAY_MS);
  if (filter.to) days.where('hour_start', '<', filter.to.getTime());
  const [share] = (await days) as Array<{ matching: unknown; calls: unknown }>;
  const matchingCalls = toNumber(share?.matching);
  if (matchingCalls === 0) return [];
  if (matchingCalls > MAX_CALLS_IN_HOURS || matchingCalls >= COMMON_SHARE * toNumber(share?.calls)) return undefined;
  return hoursHoldingCalls(knex, filter);
}

/**
 * The hours holding calls that match the filter's rollup keys, from the hourly rollups, when
 * they hold few enough calls in all to read (undefined: too many). For a caller that already
 * knows the filter is rare.
 */
export async function hoursHoldingCalls(knex: Knex, filter: CallFilter): Promise<CallHours | undefined> {
  const matching = matchingCallsSql(filter);
  // Every call of those hours counts: the walk by time reads all of them, whatever their project.
  const hours = knex(ROLLUP_TABLES.hour)
    .select('hour_start', knex.raw('sum(calls) as calls'))
    .groupBy('hour_start')
    .havingRaw(`${matching.sql} > 0`, matching.values)
    .orderBy('hour_start');
  if (filter.from) hours.where('hour_start', '>=', Math.floor(filter.from.getTime() / HOUR_MS) * HOUR_MS);
  if (filter.to) hours.where('hour_start', '<', filter.to.getTime());
  const ranges: CallHours = [];
  let calls = 0;
  for (const row of (await hours) as Array<{ hour_start: unknown; calls: unknown }>) {
    calls += toNumber(row.calls);
    if (calls > MAX_CALLS_IN_HOURS) return undefined;
    const start = toNumber(row.hour_start);
    const last = ranges.at(-1);
    if (last && last[1].getTime() === start) last[1] = new Date(start + HOUR_MS);
    else ranges.push([new Date(start), new Date(start + HOUR_MS)]);
  }
  return ranges.length > MAX_RANGES ? undefined : ranges;
}

/** Keep the rows whose `column` (a call's timestamp) falls in one of the hours: none when there are none. */
export function whereWithinHours(builder: Knex.QueryBuilder, column: string, hours: CallHours): void {
  if (hours.length === 0) {
    builder.whereRaw('1 = 0');
    return;
  }
  builder.where((any) => {
    for (const [from, to] of hours) any.orWhere((range) => range.where(column, '>=', from).where(column, '<', to));
  });
}
