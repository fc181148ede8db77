import type { AlertRule, AlertRuleCommon, AnomalyMetric, BudgetRule } from './alert-rule.js';

/** How a rule stood at the last evaluation. */
export interface RuleState {
  ruleId: string;
  name: string;
  kind: AlertRule['kind'];
  /** off: disabled (or alerts switched off); error: its measurement failed (message says why). */
  state: 'ok' | 'firing' | 'off' | 'error';
  /** Offenders firing now. */
  firing: number;
  message: string | null;
}

/** One group's spend against a budget this period. */
export interface BudgetProgress {
  /** null: the budget's whole scope. */
  group: string | null;
  spentUsd: number;
  amountUsd: number;
  /** spent / amount (1 = all of it). */
  share: number;
  /** The highest warning share crossed, in percent; null below the first. */
  level: number | null;
  /** Dollars per day at the current run-rate. */
  runRatePerDay: number;
  /** Spend by the period's end at that rate. */
  projectedUsd: number;
  /** When the amount is reached at that rate (epoch ms): now if already spent, null if not before the period ends. */
  runsOutAt: number | null;
  /** The group's sessions in the dashboard. */
  link: string;
}

/** A budget rule and where each of its groups stands. */
export interface BudgetView {
  rule: AlertRuleCommon & BudgetRule;
  periodStart: number;
  periodEnd: number;
  /** Fullest first. */
  groups: BudgetProgress[];
}

/** One hour of one model or agent flagged by the anomaly detector. */
export interface AnomalyMarker {
  /** The model or agent. */
  series: string;
  metric: AnomalyMetric;
  hourStart: number;
  value: number;
  /** The usual range at that hour, in the metric's unit. */
  expectedLow: number;
  expectedHigh: number;
  direction: 'spike' | 'drop';
  /** Robust z: how far outside the usual level. */
  score: number;
  /** e.g. "gpt-4o cost this hour $4.10, usual $0.30–$0.55". */
  reason: string;
}
