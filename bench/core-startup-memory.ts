// What loading @observatory/core and opening its default store costs a host in memory: RSS
// added by the import, by opening a SQLite store that is already current (migrations ran
// before), and by the first recorded call. Each round is a fresh process running the built
// package (dist), as an app would; the median of the rounds is printed.
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
await obs.storage.store();
const opened = mb();
obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 10, completionTokens: 5, latencyMs: 100 });
await obs.flush();
const recorded = mb();
await obs.close();
console.log(JSON.stringify({ import: imported - base, open: opened - imported, firstCall: recorded - opened, total: recorded - base }));
`;

const run = () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PROBE]).toString());
rmSync(databaseUrl, { force: true });
const first = run(); // a new store: every migration runs
const samples = Array.from({ length: rounds }, run);
const median = (key: string) => {
  const sorted = samples.map((s) => s[key] as number).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
console.log(`new store (migrations run): import ${first.import.toFixed(1)} MB, open ${first.open.toFixed(1)} MB`);
console.log(
  `current store, median of ${rounds}: import ${median('import').toFixed(1)} MB, open ${median('open').toFixed(1)} MB, first call ${median('firstCall').toFixed(1)} MB, total ${median('total').toFixed(1)} MB`,
);
