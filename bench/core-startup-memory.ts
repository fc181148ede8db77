// What loading @observatory/core and recording into its default store costs a host in
// memory: RSS added by the import, by the first recorded call written (the store opened,
// created when new), and then by the first query (`obs.storage`, which loads MikroORM: what
// the dashboard and the CLI pay, not an app that only records). Each round is a fresh
// process running the built package (dist), as an app would; the median of the rounds is printed.
// Run: npx pnpm@10.34.8 run build && npx tsx bench/core-startup-memory.ts [rounds]
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './bench-utils.js';

const rounds = Number(process.argv[2] ?? 5);
const core = fileURLToPath(new URL('../core/dist/index.js', import.meta.url));
const databaseUrl = join(tempDir('startup-memory'), 'store.db');

/** One host process: the RSS after each step, in MB. */
const PROBE = `
const mb = () => process.memoryUsage().rss / 1e6;
const base = mb();
const { Observatory } = await import(${JSON.stringify(core)});
const imported = mb();
const obs = new Observatory({ databaseUrl: ${JSON.stringify(databaseUrl)}, flushOnExit: false });
obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 10, completionTokens: 5, latencyMs: 100 });
await obs.flush();
const recorded = mb();
await obs.storage.countLlmCalls();
const queried = mb();
await obs.close();
console.log(JSON.stringify({ import: imported - base, firstCall: recorded - imported, recording: recorded - base, query: queried - recorded, total: queried - base }));
`;

const run = () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PROBE]).toString());
rmSync(databaseUrl, { force: true });
const first = run(); // a new store: created
const samples = Array.from({ length: rounds }, run);
const median = (key: string) => {
  const sorted = samples.map((s) => s[key] as number).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const line = (sample: (key: string) => number) =>
  `import ${sample('import').toFixed(1)} MB, first call written ${sample('firstCall').toFixed(1)} MB (recording app: ${sample('recording').toFixed(1)} MB), then a first query ${sample('query').toFixed(1)} MB, total ${sample('total').toFixed(1)} MB`;
console.log(`new store: ${line((key) => first[key] as number)}`);
console.log(`current store, median of ${rounds}: ${line(median)}`);
