/**
 * Alert rules as data: created in Settings or through /api/alerts/rules, stored in the
 * store, evaluated by the server. One definition for the server and the web app.
 */

/** What a rule is split by: each value is judged on its own and named when it trips. */
export type AlertGroupBy = 'project' | 'agent' | 'model' | `metadata.${string}`;

/**
 * Spend in the current UTC day or month against an amount, with warnings at shares of it
 * ("any tenant over $50 a day" is a daily budget grouped by `metadata.tenantId`).
 */
export interface BudgetRule {
  kind: 'budget';
  period: 'day' | 'month';
  amountUsd: number;
  /** Percentages of the amount that warn, ascending; default 50, 80, 100. */
  warnAtPct: number[];
}

/** A measure over a recent window above a threshold. */
export interface ThresholdRule {
  kind: 'threshold';
  /**
   * errorRatePct: failed calls, %; p95LatencyMs; sessionCostUsd: any one session's cost
   * (the offender is the session, so groupBy does not apply).
   */
  metric: 'errorRatePct' | 'p95LatencyMs' | 'sessionCostUsd';
  above: number;
  /** Rounded out to whole hours for error rate and p95 (rollups are hourly). */
  windowMinutes: number;
  /** Fewer calls than this in the window are not judged (error rate and p95). */
  minCalls: number;
}

export type AnomalyMetric = 'cost' | 'calls' | 'errorRate' | 'p95LatencyMs' | 'tokensPerCall';

/** How messages and pages name each anomaly metric. */
export const ANOMALY_METRIC_NAMES: Record<AnomalyMetric, string> = {
  cost: 'cost',
  calls: 'calls',
  errorRate: 'error rate',
  p95LatencyMs: 'p95 latency',
  tokensPerCall: 'tokens per call',
};

/** The last complete hour of each model or agent against its usual level at that time of day and week. */
export interface AnomalyRule {
  kind: 'anomaly';
  by: 'model' | 'agent';
  metrics: AnomalyMetric[];
}

export type AlertRuleDefinition = BudgetRule | ThresholdRule | AnomalyRule;

export interface AlertRuleCommon {
  id: string;
  name: string;
  enabled: boolean;
  /** null: every project together. */
  project: string | null;
  /** null: the project (or all) as a whole; ignored by anomaly and session-cost rules. */
  groupBy: AlertGroupBy | null;
  /** Channels notified when it fires, repeats and resolves; none: events only. */
  channelIds: string[];
  /** While firing, notify again this often; null: once. */
  repeatMinutes: number | null;
  createdAt: string;
  updatedAt: string;
}

export type AlertRule = AlertRuleCommon & AlertRuleDefinition;

/** What a client sends to create or replace a rule (the server sets id and dates). */
export type AlertRuleInput = Omit<AlertRuleCommon, 'id' | 'createdAt' | 'updatedAt'> & AlertRuleDefinition;

export const DEFAULT_WARN_AT_PCT = [50, 80, 100];

/** How a message or a page names a grouping: `tenantId` rather than `metadata.tenantId`. */
export function groupLabel(groupBy: AlertGroupBy | null): string {
  return groupBy?.startsWith('metadata.') ? groupBy.slice('metadata.'.length) : (groupBy ?? '');
}
