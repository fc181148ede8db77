import { randomUUID } from 'node:crypto';
import type { ObservatoryStorage } from '@observatory/core';
import type { AlertChannel } from '../../shared/alert-channel.js';
import type { AlertRule, AlertRuleInput } from '../../shared/alert-rule.js';
import { dashboardStoreOf } from '../store/dashboard-store.js';

/** Marks a store whose rules were seeded: deleting every rule afterwards must not bring them back. */
export const RULES_SEEDED_KEY = 'alerts.rulesSeeded';

/** A rule id short enough for the events' `rule` column (32 characters). */
export function newRuleId(): string {
  return `rule_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

export function newChannelId(): string {
  return `ch_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/** A stored rule from a validated input. */
export function toRule(input: AlertRuleInput, id: string, at: Date, createdAt = at): AlertRule {
  return { ...input, id, createdAt: createdAt.toISOString(), updatedAt: at.toISOString() } as AlertRule;
}

/**
 * Once per store: the rules every new store starts with (anomaly detection by model and
 * by agent, on by default) and the three fixed thresholds of earlier versions (daily cost,
 * error rate, p95 latency, with their webhook) turned into rules and a channel, so an
 * upgrade keeps alerting as it did.
 */
export async function seedRulesFromSettings(storage: ObservatoryStorage, at: Date): Promise<void> {
  const dashboard = dashboardStoreOf(storage);
  const settings = await dashboard.getSettings();
  if (settings[RULES_SEEDED_KEY] === true) return;
  const legacy = (settings.alerts ?? {}) as Record<string, unknown>;
  const project = typeof legacy.project === 'string' ? legacy.project : null;
  const windowMinutes = typeof legacy.windowMinutes === 'number' ? legacy.windowMinutes : 60;
  const minCalls = typeof legacy.minCalls === 'number' ? legacy.minCalls : 20;
  const channelIds: string[] = [];
  if (typeof legacy.webhookUrl === 'string') {
    // The old webhook got Slack-compatible JSON ({ text }), as a Slack channel sends.
    const channel: AlertChannel = { id: newChannelId(), name: 'Webhook', type: 'slack', webhookUrl: legacy.webhookUrl };
    await dashboard.alerts.saveChannel(channel, at);
    channelIds.push(channel.id);
  }
  const common = { enabled: true, project, groupBy: null, channelIds, repeatMinutes: null };
  const inputs: AlertRuleInput[] = [
    {
      ...common,
      name: 'Anomalies by model',
      kind: 'anomaly',
      by: 'model',
      metrics: ['cost', 'calls', 'errorRate', 'p95LatencyMs', 'tokensPerCall'],
    },
    {
      ...common,
      name: 'Anomalies by agent',
      kind: 'anomaly',
      by: 'agent',
      metrics: ['cost', 'calls', 'errorRate', 'p95LatencyMs', 'tokensPerCall'],
    },
    {
      ...common,
      name: 'Error rate',
      kind: 'threshold',
      metric: 'errorRatePct',
      // Earlier versions checked 5% unless told otherwise.
      above: typeof legacy.errorRatePct === 'number' ? legacy.errorRatePct : 5,
      windowMinutes,
      minCalls,
    },
  ];
  if (typeof legacy.dailyCostUsd === 'number') {
    inputs.push({
      ...common,
      name: 'Daily cost',
      kind: 'budget',
      period: 'day',
      amountUsd: legacy.dailyCostUsd,
      warnAtPct: [100],
    });
  }
  if (typeof legacy.p95LatencyMs === 'number') {
    inputs.push({
      ...common,
      name: 'p95 latency',
      kind: 'threshold',
      metric: 'p95LatencyMs',
      above: legacy.p95LatencyMs,
      windowMinutes,
      minCalls,
    });
  }
  for (const input of inputs) await dashboard.alerts.saveRule(toRule(input, newRuleId(), at));
  await dashboard.saveSettings({ [RULES_SEEDED_KEY]: true });
}
