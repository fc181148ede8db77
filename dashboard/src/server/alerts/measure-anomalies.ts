import type { ObservatoryStorage } from '@observatory/core';
import type { AlertRuleCommon, AnomalyRule } from '../../shared/alert-rule.js';
import {
  ANOMALY_HISTORY_HOURS,
  type Anomaly,
  detectAnomalies,
  detectAnomaliesOverRange,
  type HourlySeries,
} from '../analysis/detect-anomalies.js';
import type { AlertFinding } from './alert-finding.js';
import { sessionsLink } from './totals-by-group.js';

const HOUR_MS = 3_600_000;

/**
 * Each model's (or agent's) hourly series from the rollups, with the history the detector
 * reads before `from` (about five weeks): calls, errors, cost, tokens and the hour's p95 and median latency.
 */
export async function hourlySeries(
  storage: ObservatoryStorage,
  by: AnomalyRule['by'],
  projectName: string | undefined,
  from: number,
  to: number,
): Promise<HourlySeries[]> {
  const points = await storage.getTimeSeries({
    projectName,
    from: new Date(from - ANOMALY_HISTORY_HOURS * HOUR_MS),
    to: new Date(to),
    interval: 'hour',
    groupBy: by,
    withP95: true,
  });
  const series = new Map<string, HourlySeries & { points: HourlySeries['points'][number][] }>();
  for (const point of points) {
    // Calls without an agent have nobody to name.
    if (!point.key) continue;
    let one = series.get(point.key);
    if (!one) {
      one = { key: `${by}:${point.key}`, label: point.key, points: [] };
      series.set(point.key, one);
    }
    one.points.push({
      hourStart: point.time,
      calls: point.totalCalls,
      errorCalls: point.errorCalls,
      cost: point.totalCost,
      totalTokens: point.totalTokens,
      p95LatencyMs: point.p95LatencyMs ?? null,
      p50LatencyMs: point.p50LatencyMs ?? null,
    });
  }
  return [...series.values()];
}

/** The last complete hour's anomalies of each model or agent, for the rule's metrics. */
export async function measureAnomalies(
  storage: ObservatoryStorage,
  rule: AlertRuleCommon & AnomalyRule,
  now: number,
): Promise<AlertFinding[]> {
  const hour = Math.floor(now / HOUR_MS) * HOUR_MS - HOUR_MS;
  const all = await hourlySeries(storage, rule.by, rule.project ?? undefined, hour, hour + HOUR_MS);
  return all.flatMap((series) =>
    detectAnomalies(series, hour)
      .filter((anomaly) => rule.metrics.includes(anomaly.metric))
      .map((anomaly) => toFinding(rule, series, anomaly)),
  );
}

/** Every anomaly of each model or agent over a range, for the markers on the charts. */
export async function anomaliesOverRange(
  storage: ObservatoryStorage,
  by: AnomalyRule['by'],
  projectName: string | undefined,
  from: number,
  to: number,
): Promise<Anomaly[]> {
  const firstHour = Math.floor(from / HOUR_MS) * HOUR_MS;
  // Only complete hours: the current one would look like a drop.
  const lastHour = Math.floor(to / HOUR_MS) * HOUR_MS - HOUR_MS;
  if (lastHour < firstHour) return [];
  const all = await hourlySeries(storage, by, projectName, firstHour, lastHour + HOUR_MS);
  return all.flatMap((series) => detectAnomaliesOverRange(series, firstHour, lastHour));
}

function toFinding(rule: AlertRuleCommon & AnomalyRule, series: HourlySeries, anomaly: Anomaly): AlertFinding {
  return {
    // One event per series and metric: a model's cost and its latency are separate alerts.
    offender: { dimension: `${rule.by}.${anomaly.metric}`, value: series.label },
    value: anomaly.value,
    threshold: anomaly.direction === 'spike' ? anomaly.expectedHigh : anomaly.expectedLow,
    level: null,
    message: anomaly.reason,
    link: sessionsLink(rule.project, rule.by, series.label),
  };
}
