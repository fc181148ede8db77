// HTTP ingest throughput: recordCall in client processes → POST /api/calls → one
// `observatory serve` process → SQLite / PostgreSQL, against one process writing the same
// calls directly to the same kind of database. Calls/s from the first recordCall until
// every call is durable (the client's flush resolves only once the server answered 200,
// i.e. the calls are committed). Every process is separate, as in production.
// Run: npx tsx --conditions=@observatory/source bench/http-ingest-throughput.ts [calls] [clients]
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Observatory, type ObservatoryOptions } from '@observatory/core';
import { createTestDatabase, isPostgresAvailable } from '@observatory/core/test';
import { startServer } from '@observatory/dashboard';
import { benchCall, formatNumber, tempDir } from './bench-utils.js';

type Message =
  | { role: 'serve'; databaseUrl: string }
  | { role: 'record'; calls: number; options: ObservatoryOptions }
  | { ready: string }
  | { recorded: { start: number; end: number; written: number } };

const total = Number(process.argv[2] ?? 100_000);
const clientCounts = (process.argv[3] ?? '1,4').split(',').map(Number);
const self = fileURLToPath(import.meta.url);

/** A child process running this file in one role; resolves with its first answer. */
function spawn(task: Message): { child: ChildProcess; answer: Promise<Message> } {
  const child = fork(self, ['--child'], { stdio: 'inherit' });
  const answer = new Promise<Message>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Message));
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before answering`)));
  });
  child.send(task);
  return { child, answer };
}

/** In a child: record `calls` calls in sessions of 100 and report when all are durable. */
async function record(calls: number, options: ObservatoryOptions): Promise<Message> {
  const obs = new Observatory({
    projectName: 'bench',
    capturePrompts: false,
    flushOnExit: false,
    maxQueueSize: calls + 1000,
    ...options,
  });
  if (!options.ingestUrl) await obs.storage.getOverview(); // open and migrate before timing
  const start = performance.timeOrigin + performance.now();
  for (let i = 0; i < calls; i += 100) {
    const session = obs.startSession('bench');
    for (let j = i; j < Math.min(calls, i + 100); j++) obs.recordCall(benchCall(j, session.id));
    await obs.endSession(session, { success: true });
  }
  // The default flush timeout (15 s) is shorter than 100k calls take on PostgreSQL here.
  await obs.flush({ timeoutMs: 600_000 });
  const end = performance.timeOrigin + performance.now();
  const { written } = obs.stats();
  await obs.close();
  return { recorded: { start, end, written } };
}

/** Run `clients` recording processes at once; calls/s over the whole span. */
async function runClients(clients: number, options: ObservatoryOptions): Promise<number> {
  const runs = Array.from({ length: clients }, () => spawn({ role: 'record', calls: total / clients, options }));
  const answers = await Promise.all(runs.map((r) => r.answer));
  const spans = answers.map((a) => (a as Extract<Message, { recorded: unknown }>).recorded);
  const written = spans.reduce((sum, s) => sum + s.written, 0);
  if (written !== total) throw new Error(`only ${written} of ${total} calls acknowledged`);
  const seconds = (Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start))) / 1000;
  return total / seconds;
}

async function countStored(databaseUrl: string): Promise<number> {
  const reader = new Observatory({ databaseUrl, flushOnExit: false, spoolDir: false });
  const count = await reader.storage.countLlmCalls({ projectName: 'bench' });
  await reader.close();
  return count;
}

async function freshDatabase(kind: 'sqlite' | 'postgres') {
  return kind === 'sqlite'
    ? { url: join(tempDir(kind), 'bench.db'), drop: async () => {} }
    : await createTestDatabase('postgres');
}

async function compare(kind: 'sqlite' | 'postgres'): Promise<void> {
  const direct = await freshDatabase(kind);
  try {
    const rate = await runClients(1, { databaseUrl: direct.url, spoolDir: join(tempDir('spool'), 's') });
    console.log(`${kind.padEnd(8)} direct, 1 process:        ${formatNumber(rate, 0)} calls/s`);
    for (const clients of clientCounts) {
      const target = await freshDatabase(kind);
      const server = spawn({ role: 'serve', databaseUrl: target.url });
      try {
        const url = ((await server.answer) as Extract<Message, { ready: string }>).ready;
        const ingestRate = await runClients(clients, { ingestUrl: url, spoolDir: join(tempDir('spool'), 's') });
        const stored = await countStored(target.url);
        if (stored !== total) throw new Error(`server stored ${stored} of ${total}`);
        console.log(
          `${kind.padEnd(8)} HTTP ingest, ${clients} client${clients > 1 ? 's' : ' '}:  ${formatNumber(ingestRate, 0)} calls/s, ratio to direct ${formatNumber(ingestRate / rate)} (target ≥ 0.5); stored ${formatNumber(stored, 0)}`,
        );
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((resolve) => server.child.once('exit', resolve));
        await target.drop();
      }
    }
  } finally {
    await direct.drop();
  }
}

if (process.argv.includes('--child')) {
  process.once('message', async (task: Message) => {
    if ('role' in task && task.role === 'serve') {
      const server = await startServer({ databaseUrl: task.databaseUrl, port: 0, token: null, webRoot: null });
      process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
      process.send?.({ ready: server.url });
    } else if ('role' in task && task.role === 'record') {
      process.send?.(await record(task.calls, task.options), () => process.exit(0));
    }
  });
} else {
  console.log(`HTTP ingest of ${formatNumber(total, 0)} calls (sessions of 100, batches of 1,000):`);
  await compare('sqlite');
  if (await isPostgresAvailable()) await compare('postgres');
  else console.log('postgres: not reachable, skipped');
}
