// Child process for exit-flush tests: records calls, says "ready", then waits to be signalled.
import { Observatory } from '../index.js';

const [databaseUrl, count, mode] = process.argv.slice(2);
const obs = new Observatory({
  databaseUrl,
  projectName: 'exit-test',
  flushIntervalMs: 60_000,
  batchSize: 100_000,
  writerThread: mode === 'writer-thread',
});
if (mode === 'own-handler') {
  process.on('SIGTERM', () => {
    setTimeout(() => {
      process.stdout.write('app handler done\n');
      process.exit(7);
    }, 500);
  });
}
for (let i = 0; i < Number(count); i++) {
  obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 10, completionTokens: 5, latencyMs: 100 });
}
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
