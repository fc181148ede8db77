// Entry of the peer benchmark: `node bench/peers/run.mjs [flags]` from a clone where the
// workspace is installed and built. Installs bench/peers' own dependencies from its lock on
// first use (and again whenever the lock changes), then runs lib/main.mjs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const workspace = join(here, '..', '..');

const builtEntries = ['core/dist/index.js', 'adapters/langchain/dist/index.js', 'adapters/openai/dist/index.js'];
const missing = builtEntries.filter((entry) => !existsSync(join(workspace, entry)));
if (missing.length > 0) {
  console.error(
    `Observatory is not built (${missing.join(', ')} missing). From the repository root run:\n  npx pnpm@10.34.8 install && npx pnpm@10.34.8 run build`,
  );
  process.exit(1);
}

const lockHash = createHash('sha256')
  .update(readFileSync(join(here, 'package-lock.json')))
  .digest('hex');
const stamp = join(here, 'node_modules', '.bench-peers-lock-sha256');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.error('Installing the peer SDKs into bench/peers/node_modules (npm ci, first run only)…');
  // --prefix: under `npm --prefix bench/peers run bench` npm_config_prefix is inherited.
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', here], { cwd: here, stdio: ['ignore', 2, 2] });
  writeFileSync(stamp, lockHash);
}

const { main } = await import('./lib/main.mjs');
await main();
