import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../dashboard-settings.js';
import { evaluateAlertRules } from './evaluate-alert-rules.js';

const settings = { ...DEFAULT_SETTINGS.alerts, dailyCostUsd: 50, errorRatePct: 5, p95LatencyMs: 2000, minCalls: 20 };

describe('evaluateAlertRules', () => {
  it('fires each rule whose value is above its threshold', () => {
    const checks = evaluateAlertRules(settings, {
      dailyCost: 75.5,
      errorRate: 0.02,
      p95LatencyMs: 3100,
      windowCalls: 400,
    });
    expect(checks.map((c) => [c.rule, c.state, c.value])).toEqual([
      ['daily_cost', 'firing', 75.5],
      ['error_rate', 'ok', 2],
      ['p95_latency', 'firing', 3100],
    ]);
    expect(checks[0].message).toBe('Daily cost for all projects is $75.50 (threshold $50.00)');
  });

  it('stays quiet on an error rate from too few calls', () => {
    const [, errorRate] = evaluateAlertRules(settings, {
      dailyCost: 0,
      errorRate: 0.5,
      p95LatencyMs: 100,
      windowCalls: 4,
    });
    expect(errorRate.state).toBe('quiet');
  });

  it('is off without thresholds or when disabled', () => {
    const off = evaluateAlertRules(
      { ...settings, enabled: false },
      { dailyCost: 1e6, errorRate: 1, p95LatencyMs: 1e6, windowCalls: 1e6 },
    );
    expect(off.map((c) => c.state)).toEqual(['off', 'off', 'off']);
  });
});
