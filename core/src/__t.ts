import { Observatory } from './index.js';

const t0 = performance.now();
const obs = new Observatory({
  databaseUrl: process.argv[2],
  projectName: 'exit-test',
  flushIntervalMs: 60_000,
  batchSize: 100_000,
  onError: (e) => console.error(e),
});
for (let i = 0; i < 500; i++)
  obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 10, completionTokens: 5, latencyMs: 100 });
console.log('ready', (performance.now() - t0).toFixed(0));
await obs.flush();
console.log('flushed', (performance.now() - t0).toFixed(0), obs.stats().written);
await obs.close();
