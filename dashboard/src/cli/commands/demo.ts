import { Observatory } from '@observatory/core';
import {
  newRuleId,
  RULES_SEEDED_KEY,
  seedRulesFromSettings,
  toRule,
} from '../../server/alerts/seed-rules-from-settings.js';
import { loadSettings, updateSettings } from '../../server/dashboard-settings.js';
import { dashboardStoreOf } from '../../server/store/dashboard-store.js';
import type { AlertRuleInput } from '../../shared/alert-rule.js';
import { type Command, DB_OPTION, JSON_OPTION } from '../command.js';
import { createProgressBar } from '../progress-bar.js';
import { durationOption, intOption, textOption } from '../read-options.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill a store with history made by the example crews, and optionally keep them running live',
  details: [
    'The crews of @observatory/examples (Career Copilot, the LangGraph Code Review Crew, the AI SDK SQL Agent)',
    'run through their frameworks and Observatory adapters against offline simulated models, in simulated time',
    'along a daily and weekly traffic curve; after --crew-calls calls their sessions are replayed at other times.',
    'With --live they then keep running in real time, one session every --every, until Ctrl-C.',
  ].join('\n'),
  options: {
    calls: { type: 'string', value: 'N', description: 'calls of history to write (default 50,000; 0 writes none)' },
    days: {
      type: 'string',
      value: 'N',
      description:
        'days the history spans, ending now (default 28: anomaly detection needs two weeks of history before it judges)',
    },
    'crew-calls': { type: 'string', value: 'N', description: 'calls the crews make before replaying (default 3,000)' },
    seed: { type: 'string', value: 'N', description: 'the same seed writes the same history (default 42)' },
    live: { type: 'boolean', description: 'then keep the crews running in real time until stopped' },
    every: { type: 'string', value: 'DURATION', description: 'with --live: start a session this often (default 5s)' },
    ...DB_OPTION,
    ...JSON_OPTION,
  },
  async run(values) {
    const calls = intOption(values, 'calls', 0, 50_000_000) ?? 50_000;
    const days = intOption(values, 'days', 1, 3650) ?? 28;
    const crewCalls = intOption(values, 'crew-calls', 1, 50_000_000);
    const seed = intOption(values, 'seed', 0, 2 ** 31);
    const everyMs = durationOption(values, 'every') ?? 5000;
    const databaseUrl = textOption(values, 'db');
    const demo = await loadDemo();
    if (calls > 0) {
      const bar = values.json ? null : createProgressBar('calls');
      const summary = await demo.fillDemoHistory({
        databaseUrl,
        calls,
        days,
        crewCalls,
        seed,
        onProgress: (done, total) => bar?.update(done, total),
      });
      await addDemoRules(databaseUrl);
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ ...summary, from: summary.from.toISOString(), to: summary.to.toISOString() })}\n`
          : `Wrote ${summary.calls.toLocaleString('en-US')} calls (${summary.crewCalls.toLocaleString('en-US')} made by running the crews) in ${summary.sessions.toLocaleString('en-US')} sessions to ${summary.projects.join(', ')} (${summary.from.toISOString().slice(0, 10)} → ${summary.to.toISOString().slice(0, 10)}).\n${values.live ? '' : 'Run `observatory serve` to look at them.\n'}`,
      );
    }
    if (!values.live) return 0;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (!values.json) {
      process.stdout.write(`The crews keep running live: a session every ${everyMs / 1000} s. Ctrl-C stops them.\n`);
    }
    try {
      await demo.runLiveCrews({ databaseUrl, everyMs, seed, signal: stop.signal });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return 0;
  },
};

const DAY_MS = 86_400_000;

/**
 * The alert rules of a team watching the demo's app, added once to a store without rules:
 * besides the anomaly rules every store starts with, an error budget of 2% per model and a
 * p95 of 6 s per agent over the last hour, a monthly budget at 120% of the current run-rate's
 * month, and a daily budget per tenant of what the biggest tenant spent yesterday, so Mission
 * Control, the Cost Estimator and Settings show budgets filling (and, late in a busy day, warning).
 */
async function addDemoRules(databaseUrl: string | undefined): Promise<void> {
  const obs = new Observatory({ databaseUrl, flushOnExit: false });
  try {
    const dashboard = dashboardStoreOf(obs.storage);
    if ((await dashboard.getSettings())[RULES_SEEDED_KEY] === true) return;
    const now = Date.now();
    await seedRulesFromSettings(obs.storage, new Date(now));
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    const [week, tenants] = await Promise.all([
      obs.storage.getTotals({ from: new Date(today - 7 * DAY_MS), to: new Date(today) }),
      obs.storage.getMetadataBreakdown('tenantId', { from: new Date(today - DAY_MS), to: new Date(today) }),
    ]);
    const topTenant = Math.max(0, ...tenants.rows.filter((row) => row.key !== '').map((row) => row.totalCost));
    const common = { enabled: true, project: null, channelIds: [], repeatMinutes: null };
    const inputs: AlertRuleInput[] = [
      {
        ...common,
        name: 'Error rate per model',
        kind: 'threshold',
        groupBy: 'model',
        metric: 'errorRatePct',
        above: 2,
        windowMinutes: 60,
        minCalls: 20,
      },
      {
        ...common,
        name: 'Slow agents',
        kind: 'threshold',
        groupBy: 'agent',
        metric: 'p95LatencyMs',
        above: 6000,
        windowMinutes: 60,
        minCalls: 20,
      },
      {
        ...common,
        name: 'Monthly spend',
        kind: 'budget',
        groupBy: null,
        period: 'month',
        amountUsd: roughly((week.totalCost / 7) * 30 * 1.2),
        warnAtPct: [50, 80, 100],
      },
    ];
    if (topTenant > 0) {
      inputs.push({
        ...common,
        name: 'Daily budget per tenant',
        kind: 'budget',
        groupBy: 'metadata.tenantId',
        period: 'day',
        amountUsd: roughly(topTenant),
        warnAtPct: [50, 80, 100],
      });
    }
    // The seeded 5% error-rate rule gives way to the demo's per-model one.
    for (const rule of await dashboard.alerts.getRules()) {
      if (rule.kind === 'threshold' && rule.name === 'Error rate') await dashboard.alerts.deleteRule(rule.id);
    }
    for (const input of inputs) await dashboard.alerts.saveRule(toRule(input, newRuleId(), new Date(now)));
    await updateSettings(obs.storage, await loadSettings(obs.storage), {
      alerts: { enabled: true, checkIntervalSeconds: 30 },
    });
  } finally {
    await obs.close();
  }
}

/** Two significant digits, at least a cent: budgets as people set them. */
function roughly(dollars: number): number {
  if (dollars <= 0.01) return 0.01;
  const scale = 10 ** (Math.floor(Math.log10(dollars)) - 1);
  return Math.ceil(dollars / scale) * scale;
}

/**
 * The crews, loaded on demand: they bring LangChain, LangGraph, the AI SDK and the provider
 * SDKs, which the dashboard itself does not need (an optional peer dependency).
 */
async function loadDemo(): Promise<typeof import('@observatory/examples/demo')> {
  try {
    return await import('@observatory/examples/demo');
  } catch (error) {
    if (
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' &&
      String(error).includes('@observatory/examples')
    ) {
      throw new Error(
        'observatory demo runs the example crews of @observatory/examples, which is not installed: npm install @observatory/examples',
      );
    }
    throw error;
  }
}
