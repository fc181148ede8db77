import type { AlertSettings } from '../dashboard-settings.js';

/** What the alert rules look at, measured from the rollups. */
export interface AlertMeasurements {
  /** Dollars since 00:00 UTC. */
  dailyCost: number;
  /** 0..1 over the window. */
  errorRate: number;
  p95LatencyMs: number | null;
  /** Calls in the window. */
  windowCalls: number;
}

export type AlertRule = 'daily_cost' | 'error_rate' | 'p95_latency';

export interface AlertCheck {
  rule: AlertRule;
  label: string;
  /** In the rule's unit: dollars, percent, milliseconds. */
  value: number | null;
  threshold: number | null;
  /** 'off': no threshold set; 'quiet': too few calls to judge. */
  state: 'ok' | 'firing' | 'off' | 'quiet';
  message: string;
}

/** Compare measurements with the thresholds. Pure: the monitor turns state changes into events. */
export function evaluateAlertRules(settings: AlertSettings, m: AlertMeasurements): AlertCheck[] {
  const scope = settings.project ? `project ${settings.project}` : 'all projects';
  const window = `${settings.windowMinutes} min`;
  const checks: AlertCheck[] = [];
  const push = (
    rule: AlertRule,
    label: string,
    value: number | null,
    threshold: number | null,
    describe: (v: number) => string,
  ) => {
    if (!settings.enabled || threshold === null) {
      checks.push({ rule, label, value, threshold, state: 'off', message: `${label}: no threshold set` });
      return;
    }
    if (value === null) {
      checks.push({
        rule,
        label,
        value,
        threshold,
        state: 'quiet',
        message: `${label}: no calls in the last ${window}`,
      });
      return;
    }
    const firing = value > threshold;
    checks.push({
      rule,
      label,
      value,
      threshold,
      state: firing ? 'firing' : 'ok',
      message: `${label} for ${scope} is ${describe(value)} (threshold ${describe(threshold)})`,
    });
  };
  push('daily_cost', 'Daily cost', m.dailyCost, settings.dailyCostUsd, (v) => `$${v.toFixed(2)}`);
  const enoughCalls = m.windowCalls >= settings.minCalls;
  if (settings.enabled && settings.errorRatePct !== null && !enoughCalls) {
    checks.push({
      rule: 'error_rate',
      label: 'Error rate',
      value: m.windowCalls > 0 ? m.errorRate * 100 : null,
      threshold: settings.errorRatePct,
      state: 'quiet',
      message: `Error rate: only ${m.windowCalls} calls in the last ${window} (needs ${settings.minCalls})`,
    });
  } else {
    push(
      'error_rate',
      'Error rate',
      m.windowCalls > 0 ? m.errorRate * 100 : null,
      settings.errorRatePct,
      (v) => `${v.toFixed(1)}%`,
    );
  }
  push('p95_latency', 'p95 latency', m.p95LatencyMs, settings.p95LatencyMs, (v) => `${Math.round(v)} ms`);
  return checks;
}
