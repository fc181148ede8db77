import type { AggregateFilter, CallTotals, LatencyPercentiles, ObservatoryStorage } from '@observatory/core';
import type { AlertGroupBy } from '../../shared/alert-rule.js';

/** One group's sums: `value` null for a rule that is not grouped. */
export interface GroupTotals {
  value: string | null;
  totals: CallTotals & LatencyPercentiles;
}

/**
 * The rollups' totals over a filter, per value of `groupBy` (a named metadata key from its
 * own rollups, any other from the newest calls), or as one group. Calls without the
 * grouping value (no agent, no such key) are left out of a grouped rule: nobody to name.
 */
export async function totalsByGroup(
  storage: ObservatoryStorage,
  groupBy: AlertGroupBy | null,
  filter: AggregateFilter,
): Promise<GroupTotals[]> {
  if (groupBy === null) return [{ value: null, totals: await storage.getOverview(filter) }];
  const rows = groupBy.startsWith('metadata.')
    ? (await storage.getMetadataBreakdown(groupBy.slice('metadata.'.length), filter)).rows
    : await storage.getBreakdown(groupBy as 'project' | 'agent' | 'model', filter);
  return rows.filter((row) => row.key !== '').map((row) => ({ value: row.key, totals: row }));
}

/** The dashboard path listing the sessions of one group, for links in events and notifications. */
export function sessionsLink(project: string | null, groupBy: AlertGroupBy | null, value: string | null): string {
  const query = new URLSearchParams();
  if (project) query.set('project', project);
  if (groupBy && value !== null) {
    if (groupBy === 'project') query.set('project', value);
    else if (groupBy === 'agent' || groupBy === 'model') query.set(groupBy, value);
    else query.set(`meta.${groupBy.slice('metadata.'.length)}`, value);
  }
  const search = query.toString();
  return `/sessions${search ? `?${search}` : ''}`;
}
