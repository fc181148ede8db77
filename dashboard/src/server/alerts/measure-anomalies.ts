import type { ObservatoryStorage, RecentCallFigures } from '@observatory/core';
import type { AlertRuleCommon, AnomalyRule } from '../../shared/alert-rule.js';
import {
  ANOMALY_HISTORY_HOURS,
  type Anomaly,
  detectAnomalies,
  detectAnomaliesOverRange,
  type HourlySeries,
} from '../analysis/detect-anomalies.js';
import { beyondOwnCalls, needsOwnCalls, OWN_CALLS, OWN_CALLS_DAYS } from '../analysis/judge-by-own-calls.js';
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
  const projectName = rule.project ?? undefined;
  const all = await hourlySeries(storage, rule.by, projectName, hour, hour + HOUR_MS);
  const findings: AlertFinding[] = [];
  for (const series of all) {
    const found = detectAnomalies(series, hour).filter((anomaly) => rule.metrics.includes(anomaly.metric));
    for (const anomaly of await keepBeyondOwnCalls(storage, rule.by, projectName, series, found)) {
      findings.push(toFinding(rule, series, anomaly));
    }
  }
  return findings;
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
  const anomalies: Anomaly[] = [];
  for (const series of all) {
    const found = detectAnomaliesOverRange(series, firstHour, lastHour);
    anomalies.push(...(await keepBeyondOwnCalls(storage, by, projectName, series, found)));
  }
  return anomalies;
}

/**
 * The anomalies that stand against the series' own calls: a rise of a figure per call over a
 * few calls is kept only when the series' own earlier calls seldom give it (a mix of cheap and
 * dear calls does, often).
 */
async function keepBeyondOwnCalls(
  storage: ObservatoryStorage,
  by: AnomalyRule['by'],
  projectName: string | undefined,
  series: HourlySeries,
  anomalies: Anomaly[],
): Promise<Anomaly[]> {
  const kept: Anomaly[] = [];
  // Anomalies of several metrics at one hour judge against the same calls: read them once.
  const ownCallsBefore = new Map<number, Promise<RecentCallFigures>>();
  for (const anomaly of anomalies) {
    if (!needsOwnCalls(anomaly)) {
      kept.push(anomaly);
      continue;
    }
    const to = anomaly.hourStart - (anomaly.hours - 1) * HOUR_MS;
    let own = ownCallsBefore.get(to);
    if (own === undefined) {
      own = storage.getRecentCallFigures({
        projectName,
        ...(by === 'model' ? { modelName: series.label } : { agentName: series.label }),
        from: ownCallsFrom(series, to),
        to: new Date(to),
        limit: OWN_CALLS,
      });
      ownCallsBefore.set(to, own);
    }
    if (beyondOwnCalls(anomaly, await own)) kept.push(anomaly);
  }
  return kept;
}

/**
 * Where the series' newest OWN_CALLS calls before `to` begin, by its hourly calls (at most
 * OWN_CALLS_DAYS back): so the query reads about as many calls as it needs.
 */
function ownCallsFrom(series: HourlySeries, to: number): Date {
  const earliest = to - OWN_CALLS_DAYS * 24 * HOUR_MS;
  let calls = 0;
  for (let k = series.points.length - 1; k >= 0; k--) {
    const point = series.points[k];
    if (point.hourStart >= to) continue;
    if (point.hourStart < earliest) break;
    calls += point.calls;
    if (calls >= OWN_CALLS) return new Date(point.hourStart);
  }
  return new Date(earliest);
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
