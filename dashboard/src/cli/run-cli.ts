import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { Observatory } from '@observatory/core';
import { formatCallsAsCsv, formatCallsAsNdjson } from '../export/format-calls.js';
import { exportRecords, formatExportAsCsv, formatExportAsNdjson } from '../export/format-export.js';
import { importRecords } from '../import/import-records.js';
import { formatImportProblem } from '../import/raw-record.js';
import { readCsvRecords } from '../import/read-csv-records.js';
import { readNdjsonRecords } from '../import/read-ndjson-records.js';
import { parseDuration } from '../parse-duration.js';
import { DEFAULT_PORT, startServer } from '../server/main.js';
import { intFlag, type ParsedArgs, parseArgs, textFlag } from './parse-args.js';
import { createProgressBar } from './progress-bar.js';

export const USAGE = `observatory — dashboard and tools for Observatory stores

Usage:
  observatory serve  [--db URL] [--port N] [--host H]   serve the dashboard (default 127.0.0.1:${DEFAULT_PORT})
  observatory demo   [--db URL] [--calls N] [--days N] [--crew-calls N] [--seed N]
                                                         fill a store with history made by running the example
                                                         crews on offline models (default 50,000 calls over
                                                         14 days; the crews make 3,000, replayed at other times)
  observatory export --format csv|json [--db URL] [--project P] [--from DATE] [--to DATE] [--out FILE] [--calls-only]
                                                         stream calls, then sessions (json = NDJSON), to stdout or a
                                                         file; --calls-only writes the calls alone (no kind column)
  observatory import --format csv|json [--db URL] [--in FILE]
                                                         read an export (a file or stdin) into a store; ids are kept,
                                                         so importing twice adds nothing; bad records are reported
                                                         by line and skipped (exit code 1)
  observatory prune  --older-than 90d [--db URL] [--project P]
                                                         delete sessions (and their calls) older than that

The database is --db, else OBSERVATORY_DATABASE_URL, else DATABASE_URL, else ./observatory.db.
A non-loopback --host requires OBSERVATORY_TOKEN; the dashboard then asks for it.`;

/** Run one CLI command; resolves to the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.help || args.command === 'help' || args.command === '') {
    process.stdout.write(`${USAGE}\n`);
    return args.command === '' && !args.flags.help ? 1 : 0;
  }
  switch (args.command) {
    case 'serve':
      return serveCommand(args);
    case 'demo':
      return demoCommand(args);
    case 'export':
      return exportCommand(args);
    case 'import':
      return importCommand(args);
    case 'prune':
      return pruneCommand(args);
    default:
      process.stderr.write(`Unknown command ${JSON.stringify(args.command)}.\n\n${USAGE}\n`);
      return 1;
  }
}

async function serveCommand(args: ParsedArgs): Promise<number> {
  const server = await startServer({
    databaseUrl: textFlag(args, 'db'),
    port: intFlag(args, 'port', 0, 65_535),
    host: textFlag(args, 'host'),
  });
  process.stdout.write(`Observatory dashboard on ${server.url} (database: ${server.observatory.database})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

async function demoCommand(args: ParsedArgs): Promise<number> {
  const calls = intFlag(args, 'calls', 1, 50_000_000) ?? 50_000;
  const days = intFlag(args, 'days', 1, 3650) ?? 14;
  const bar = createProgressBar('calls');
  // Loaded on demand: the crews bring LangChain, LangGraph, the AI SDK and the provider SDKs.
  const { fillDemoHistory } = await import('@observatory/examples/demo');
  const summary = await fillDemoHistory({
    databaseUrl: textFlag(args, 'db'),
    calls,
    days,
    crewCalls: intFlag(args, 'crew-calls', 1, 50_000_000),
    seed: intFlag(args, 'seed', 0, 2 ** 31),
    onProgress: (done, total) => bar.update(done, total),
  });
  process.stdout.write(
    `Wrote ${summary.calls.toLocaleString('en-US')} calls (${summary.crewCalls.toLocaleString('en-US')} made by running the crews) in ${summary.sessions.toLocaleString('en-US')} sessions to ${summary.projects.join(', ')} (${summary.from.toISOString().slice(0, 10)} → ${summary.to.toISOString().slice(0, 10)}).\nRun \`observatory serve\` to look at them.\n`,
  );
  return 0;
}

async function exportCommand(args: ParsedArgs): Promise<number> {
  const format = textFlag(args, 'format') ?? 'json';
  if (format !== 'csv' && format !== 'json')
    throw new Error(`--format must be csv or json, got ${JSON.stringify(format)}`);
  const date = (name: string) => {
    const value = textFlag(args, name);
    if (value === undefined) return undefined;
    const time = Date.parse(value);
    if (Number.isNaN(time))
      throw new Error(`--${name} must be a date such as 2026-01-31, got ${JSON.stringify(value)}`);
    return new Date(time);
  };
  const query = { projectName: textFlag(args, 'project'), from: date('from'), to: date('to') };
  const callsOnly = args.flags['calls-only'] === true;
  const obs = new Observatory({ databaseUrl: textFlag(args, 'db'), flushOnExit: false });
  const outPath = textFlag(args, 'out');
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
      ? format === 'csv'
        ? formatCallsAsCsv(counted(calls))
        : formatCallsAsNdjson(counted(calls))
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
}

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

/** Problems printed one per line; past this, only their count. */
const PROBLEMS_SHOWN = 100;

async function importCommand(args: ParsedArgs): Promise<number> {
  const inPath = textFlag(args, 'in');
  const format = textFlag(args, 'format') ?? (inPath?.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  if (format !== 'csv' && format !== 'json')
    throw new Error(`--format must be csv or json, got ${JSON.stringify(format)}`);
  const size = inPath ? statSync(inPath).size : 0;
  const input = inPath ? createReadStream(inPath) : process.stdin;
  const obs = new Observatory({ databaseUrl: textFlag(args, 'db'), flushOnExit: false });
  const bar = inPath ? createProgressBar('bytes read') : null;
  let problems = 0;
  try {
    const summary = await importRecords(
      obs.storage,
      format === 'csv' ? readCsvRecords(input) : readNdjsonRecords(input),
      {
        onProblem: (problem) => {
          if (++problems <= PROBLEMS_SHOWN) process.stderr.write(`${formatImportProblem(problem)}\n`);
        },
        onProgress: () => bar?.update((input as { bytesRead?: number }).bytesRead ?? 0, size),
      },
    );
    bar?.update(size, size);
    if (problems > PROBLEMS_SHOWN) process.stderr.write(`… and ${problems - PROBLEMS_SHOWN} more problems\n`);
    const n = (value: number) => value.toLocaleString('en-US');
    process.stdout.write(
      `Imported ${n(summary.calls)} calls (${n(summary.duplicateCalls)} already stored) and ${n(summary.sessions)} sessions into ${obs.database}${summary.badRecords > 0 ? `; skipped ${n(summary.badRecords)} bad records` : ''}.\n`,
    );
    return summary.badRecords > 0 ? 1 : 0;
  } finally {
    await obs.close();
  }
}

async function pruneCommand(args: ParsedArgs): Promise<number> {
  const olderThan = textFlag(args, 'older-than');
  const ms = olderThan === undefined ? null : parseDuration(olderThan);
  if (ms === null)
    throw new Error(
      `--older-than needs a duration such as 90d, 12w or 48h${olderThan ? `, got ${JSON.stringify(olderThan)}` : ''}`,
    );
  const cutoff = new Date(Date.now() - ms);
  const obs = new Observatory({ databaseUrl: textFlag(args, 'db'), flushOnExit: false });
  try {
    const result = await obs.storage.deleteSessionsBefore(cutoff, textFlag(args, 'project'));
    process.stdout.write(
      `Deleted ${result.sessions.toLocaleString('en-US')} sessions and ${result.calls.toLocaleString('en-US')} calls started before ${cutoff.toISOString()}.\n`,
    );
  } finally {
    await obs.close();
  }
  return 0;
}
