import type { ObservatoryStorage } from '@observatory/core';
import { type AlertRuleCommon, type BudgetRule, groupLabel } from '../../shared/alert-rule.js';
import type { BudgetProgress } from '../../shared/alert-status.js';
import { formatDollars } from '../analysis/format-dollars.js';
import type { AlertFinding } from './alert-finding.js';
import { sessionsLink, totalsByGroup } from './totals-by-group.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Complete days the run-rate averages, as the Cost Estimator's forecast does. */
const RUN_RATE_DAYS = 7;

export interface BudgetStatus {
  periodStart: number;
  periodEnd: number;
  groups: BudgetProgress[];
}

/** The UTC day or month holding `now`. */
export function budgetPeriod(period: BudgetRule['period'], now: number): { start: number; end: number } {
  if (period === 'day') {
    const start = Math.floor(now / DAY_MS) * DAY_MS;
    return { start, end: start + DAY_MS };
  }
  const date = new Date(now);
  return {
    start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1),
    end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1),
  };
}

/**
 * Spend so far this period per group, from the rollups. The run-rate is the Cost
 * Estimator's: the mean cost per day over the last seven complete days (fewer when the
 * store is younger). A daily budget uses today's own pace once an hour has passed, since
 * a day's spend can run ahead of last week's long before midnight.
 */
export async function measureBudget(
  storage: ObservatoryStorage,
  rule: AlertRuleCommon & BudgetRule,
  now: number,
): Promise<BudgetStatus> {
  const { start, end } = budgetPeriod(rule.period, now);
  const projectName = rule.project ?? undefined;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const firstDay = await storage.getFirstDay(projectName);
  const rateDays = Math.max(1, Math.min(RUN_RATE_DAYS, firstDay === null ? 1 : (today - firstDay) / DAY_MS));
  const [spent, lastWeek] = await Promise.all([
    totalsByGroup(storage, rule.groupBy, { projectName, from: new Date(start), to: new Date(now) }),
    totalsByGroup(storage, rule.groupBy, {
      projectName,
      from: new Date(today - rateDays * DAY_MS),
      to: new Date(today),
    }),
  ]);
  const hoursToday = (now - today) / HOUR_MS;
  const groups = spent.map(({ value, totals }): BudgetProgress => {
    const spentUsd = totals.totalCost;
    const weekly = (lastWeek.find((g) => g.value === value)?.totals.totalCost ?? 0) / rateDays;
    const runRatePerDay = rule.period === 'day' && hoursToday >= 1 ? (spentUsd / hoursToday) * 24 : weekly;
    const share = spentUsd / rule.amountUsd;
    // At this rate the amount is reached then (never at a rate of 0); counted only within the period.
    const reachedAt = now + ((rule.amountUsd - spentUsd) / runRatePerDay) * DAY_MS;
    const runsOutAt = spentUsd >= rule.amountUsd ? now : reachedAt < end ? reachedAt : null;
    return {
      group: value,
      spentUsd,
      amountUsd: rule.amountUsd,
      share,
      // warnAtPct is ascending: the last share crossed is the highest.
      level: rule.warnAtPct.findLast((pct) => share * 100 >= pct) ?? null,
      runRatePerDay,
      projectedUsd: spentUsd + (runRatePerDay * (end - now)) / DAY_MS,
      runsOutAt,
      link: sessionsLink(rule.project, rule.groupBy, value),
    };
  });
  groups.sort((a, b) => b.share - a.share);
  return { periodStart: start, periodEnd: end, groups };
}

/** A budget's groups past a warning share, as findings. */
export function budgetFindings(rule: AlertRuleCommon & BudgetRule, status: BudgetStatus): AlertFinding[] {
  const period = rule.period === 'day' ? 'today' : 'this month';
  return status.groups.flatMap((group) => {
    if (group.level === null) return [];
    const who = group.group === null ? (rule.project ?? 'all projects') : `${groupLabel(rule.groupBy)} ${group.group}`;
    return [
      {
        offender:
          group.group === null || rule.groupBy === null ? null : { dimension: rule.groupBy, value: group.group },
        value: group.spentUsd,
        threshold: rule.amountUsd,
        level: group.level,
        message: `${who} has spent ${formatDollars(group.spentUsd)} ${period}: ${Math.round(group.share * 100)}% of the ${formatDollars(rule.amountUsd)} budget "${rule.name}"`,
        link: group.link,
      },
    ];
  });
}
