import type { ObservatoryStorage } from '@observatory/core';
import { type AlertRuleCommon, groupLabel, type ThresholdRule } from '../../shared/alert-rule.js';
import { formatDollars } from '../analysis/format-dollars.js';
import type { AlertFinding } from './alert-finding.js';
import { sessionsLink, totalsByGroup } from './totals-by-group.js';

const MINUTE_MS = 60_000;
/** Sessions named per evaluation of a session-cost rule, the most expensive first. */
const SESSIONS_NAMED = 20;

/**
 * The groups (or sessions) over a threshold in the window before `now`. Error rate and
 * p95 come from the hourly rollups, so the window is rounded out to whole hours; groups
 * with fewer than `minCalls` calls in it are not judged.
 */
export async function measureThreshold(
  storage: ObservatoryStorage,
  rule: AlertRuleCommon & ThresholdRule,
  now: number,
): Promise<AlertFinding[]> {
  const projectName = rule.project ?? undefined;
  const from = new Date(now - rule.windowMinutes * MINUTE_MS);
  const window = describeWindow(rule.windowMinutes);
  if (rule.metric === 'sessionCostUsd') {
    const page = await storage.findSessions({
      projectName,
      from,
      minCost: rule.above,
      sort: 'cost',
      order: 'desc',
      limit: SESSIONS_NAMED,
    });
    return page.items
      .filter((session) => session.totalCost > rule.above)
      .map((session) => ({
        offender: { dimension: 'session', value: session.id },
        value: session.totalCost,
        threshold: rule.above,
        level: null,
        message: `session ${session.id} (${session.operationType}) cost ${formatDollars(session.totalCost)}, over ${formatDollars(rule.above)}`,
        link: `/sessions/${encodeURIComponent(session.id)}`,
      }));
  }
  const groups = await totalsByGroup(storage, rule.groupBy, { projectName, from, to: new Date(now) });
  return groups.flatMap(({ value: group, totals }) => {
    if (totals.totalCalls < rule.minCalls) return [];
    const measured = rule.metric === 'errorRatePct' ? totals.errorRate * 100 : totals.p95LatencyMs;
    if (measured === null || measured <= rule.above) return [];
    const who = group === null ? (rule.project ?? 'all projects') : `${groupLabel(rule.groupBy)} ${group}`;
    const shown =
      rule.metric === 'errorRatePct'
        ? `error rate ${measured.toFixed(1)}% (${totals.errorCalls} of ${totals.totalCalls} calls), over ${rule.above}%`
        : `p95 latency ${Math.round(measured)} ms over ${totals.totalCalls} calls, over ${rule.above} ms`;
    return [
      {
        offender: group === null || rule.groupBy === null ? null : { dimension: rule.groupBy, value: group },
        value: measured,
        threshold: rule.above,
        level: null,
        message: `${who}: ${shown} in the last ${window}`,
        link: sessionsLink(rule.project, rule.groupBy, group),
      },
    ];
  });
}

function describeWindow(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
  return `${minutes} min`;
}
