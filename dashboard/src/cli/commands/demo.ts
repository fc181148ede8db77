import { Observatory } from '@observatory/core';
import { loadSettings, updateSettings } from '../../server/dashboard-settings.js';
import { dashboardStoreOf } from '../../server/store/dashboard-store.js';
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
    days: { type: 'string', value: 'N', description: 'days the history spans, ending now (default 14)' },
    'crew-calls': { type: 'string', value: 'N', description: 'calls the crews make before replaying (default 3,000)' },
    seed: { type: 'string', value: 'N', description: 'the same seed writes the same history (default 42)' },
    live: { type: 'boolean', description: 'then keep the crews running in real time until stopped' },
    every: { type: 'string', value: 'DURATION', description: 'with --live: start a session this often (default 5s)' },
    ...DB_OPTION,
    ...JSON_OPTION,
  },
  async run(values) {
    const calls = intOption(values, 'calls', 0, 50_000_000) ?? 50_000;
    const days = intOption(values, 'days', 1, 3650) ?? 14;
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
      await setDemoAlerts(databaseUrl);
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

/**
 * The alert thresholds of a team watching the demo's app (an error budget of 2% and a p95
 * of 6 s over the last hour), so Settings and the alert bar show alerts firing and
 * resolving on the demo's traffic. Set only where no alert settings are stored yet.
 */
const DEMO_ALERTS = { errorRatePct: 2, p95LatencyMs: 6000, checkIntervalSeconds: 30 };

async function setDemoAlerts(databaseUrl: string | undefined): Promise<void> {
  const obs = new Observatory({ databaseUrl, flushOnExit: false });
  try {
    if ((await dashboardStoreOf(obs.storage).getSettings()).alerts) return;
    await updateSettings(obs.storage, await loadSettings(obs.storage), { alerts: DEMO_ALERTS });
  } finally {
    await obs.close();
  }
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
