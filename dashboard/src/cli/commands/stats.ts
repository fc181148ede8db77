import { Observatory } from '@observatory/core';
import { type Command, DB_OPTION, JSON_OPTION } from '../command.js';
import { textOption } from '../read-options.js';

/** What `observatory stats --json` prints. */
export interface StoreSummary {
  database: string;
  calls: number;
  sessions: number;
  /** First and last hour with calls (ISO), null for an empty store. */
  firstHour: string | null;
  lastHour: string | null;
  /** US dollars over all calls. */
  totalCost: number;
  projects: Array<{ name: string; calls: number; totalCost: number; errorCalls: number }>;
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'print what a store holds: calls, sessions, projects, time span, cost',
  details: 'Counts come from the rollups, so this is fast on a store of millions of calls.',
  options: { ...DB_OPTION, ...JSON_OPTION },
  async run(values) {
    const obs = new Observatory({ databaseUrl: textOption(values, 'db'), flushOnExit: false });
    try {
      const summary = await summarizeStore(obs);
      process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
    } finally {
      await obs.close();
    }
    return 0;
  },
};

async function summarizeStore(obs: Observatory): Promise<StoreSummary> {
  const stats = await obs.storage.getStoreStats();
  const byProject = await obs.storage.getBreakdown('project');
  const hour = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    database: obs.database,
    calls: stats.calls,
    sessions: stats.sessions,
    firstHour: hour(stats.firstHour),
    lastHour: hour(stats.lastHour),
    totalCost: byProject.reduce((sum, row) => sum + row.totalCost, 0),
    projects: byProject.map((row) => ({
      name: row.key,
      calls: row.totalCalls,
      totalCost: row.totalCost,
      errorCalls: row.errorCalls,
    })),
  };
}

function formatSummary(summary: StoreSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const usd = (value: number) => `$${value.toFixed(value < 1 ? 4 : 2)}`;
  const lines = [
    `Store:    ${summary.database}`,
    `Calls:    ${n(summary.calls)} in ${n(summary.sessions)} sessions, ${usd(summary.totalCost)}`,
    summary.firstHour
      ? `Span:     ${summary.firstHour.slice(0, 13)}h → ${summary.lastHour?.slice(0, 13)}h (UTC)`
      : 'Span:     empty store',
  ];
  if (summary.projects.length > 0) {
    const width = Math.max(...summary.projects.map((p) => p.name.length));
    lines.push('Projects:');
    for (const p of summary.projects) {
      lines.push(
        `  ${p.name.padEnd(width)}  ${n(p.calls).padStart(10)} calls  ${usd(p.totalCost).padStart(10)}  ${n(p.errorCalls)} errors`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
