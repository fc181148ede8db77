import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Observatory } from '@observatory/core';
import { formatCallsAsCsv, formatCallsAsNdjson } from '../../export/format-calls.js';
import { exportRecords, formatExportAsCsv, formatExportAsNdjson } from '../../export/format-export.js';
import { type Command, DB_OPTION } from '../command.js';
import { createProgressBar } from '../progress-bar.js';
import { choiceOption, dateOption, textOption } from '../read-options.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'stream calls, then sessions, as CSV or NDJSON to stdout or a file',
  details:
    'json is NDJSON: one call per line, then one session per line (kind "session"), so `observatory import` can restore both. --calls-only writes the calls alone (CSV without a kind column).',
  options: {
    format: { type: 'string', value: 'csv|json', description: 'output format (default json)' },
    project: { type: 'string', value: 'P', description: 'only this project' },
    from: { type: 'string', value: 'DATE', description: 'calls at or after this time, e.g. 2026-01-31' },
    to: { type: 'string', value: 'DATE', description: 'calls before this time' },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'write to a file (with a progress bar on stderr) instead of stdout',
    },
    'calls-only': { type: 'boolean', description: 'write the calls alone' },
    ...DB_OPTION,
  },
  async run(values) {
    const format = choiceOption(values, 'format', ['csv', 'json'] as const) ?? 'json';
    const query = {
      projectName: textOption(values, 'project'),
      from: dateOption(values, 'from'),
      to: dateOption(values, 'to'),
    };
    const callsOnly = values['calls-only'] === true;
    const outPath = textOption(values, 'out');
    const obs = new Observatory({ databaseUrl: textOption(values, 'db'), flushOnExit: false });
    const out: Writable = outPath ? createWriteStream(outPath) : process.stdout;
    try {
      // The bar goes to stderr and only when writing a file, so stdout stays clean data.
      const bar = outPath ? createProgressBar('records') : null;
      const total = bar ? await countExportRecords(obs, query, callsOnly) : 0;
      let written = 0;
      const counted = <T>(items: AsyncIterable<T>) =>
        (async function* () {
          for await (const item of items) {
            yield item;
            if (++written % 1000 === 0) bar?.update(written, total);
          }
        })();
      const calls = obs.storage.streamLlmCalls(query);
      const chunks = callsOnly
        ? (format === 'csv' ? formatCallsAsCsv : formatCallsAsNdjson)(counted(calls))
        : (format === 'csv' ? formatExportAsCsv : formatExportAsNdjson)(
            counted(exportRecords(calls, obs.storage.streamSessions(query))),
          );
      for await (const chunk of chunks) {
        // Respect back-pressure, so a million calls stream in constant memory.
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      bar?.update(written, written);
    } finally {
      if (outPath) await new Promise<void>((resolve) => out.end(() => resolve()));
      await obs.close();
    }
    return 0;
  },
};

/** Calls (and sessions) an export will write, for its progress bar. */
async function countExportRecords(
  obs: Observatory,
  query: { projectName?: string; from?: Date; to?: Date },
  callsOnly: boolean,
): Promise<number> {
  const calls = await obs.storage.countLlmCalls(query);
  if (callsOnly) return calls;
  const sessions = await obs.storage.countSessions(query);
  return sessions.reduce(
    (sum, row) => sum + (query.projectName === undefined || row.projectName === query.projectName ? row.sessions : 0),
    calls,
  );
}
