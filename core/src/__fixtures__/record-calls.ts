// Child process for fault tests: records `count` calls in one session into `databaseUrl`,
// flushing every `flushEvery` calls and printing "flushed <n>" after each flush.
import { Observatory } from '../index.js';

const [databaseUrl, project, countArg, flushEveryArg] = process.argv.slice(2);
const count = Number(countArg);
const flushEvery = Number(flushEveryArg ?? count);
const obs = new Observatory({ databaseUrl, projectName: project, spoolDir: false, onError: (e) => console.error(String(e), String((e as Error).cause ?? '')) });
const session = obs.startSession('producer');
for (let i = 1; i <= count; i++) {
  obs.recordCall({ sessionId: session.id, provider: 'openai', modelName: 'gpt-4o', promptTokens: 100 + (i % 7), completionTokens: 10, latencyMs: 50 });
  if (i % flushEvery === 0) {
    await obs.flush();
    process.stdout.write(`flushed ${i}\n`);
  }
}
await obs.endSession(session, { success: true });
await obs.close();
process.stdout.write('done\n');
