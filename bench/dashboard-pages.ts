/**
 * Time for each dashboard page to show its charts in headless Chromium, on a large store:
 * from the start of navigation until every expected chart has drawn its SVG shapes
 * (measured in the page with performance.now(), so it includes HTML, JS, API calls and
 * chart rendering).
 *
 *   pnpm --filter @observatory/dashboard build
 *   npx tsx --conditions=@observatory/source bench/dashboard-pages.ts --db /tmp/observatory-bench-dashboard.db|postgresql://… [--loads 5]
 *
 * Fill the store first with bench/dashboard-api.ts (or `observatory demo --calls 1000000 --days 30`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '@observatory/dashboard';
import { launchChromium, PAGES, resolvePagePath } from '@observatory/dashboard/test';
import { readFlags } from './read-flags.js';

const flags = readFlags();
const databaseUrl = flags.text('db') ?? '/tmp/observatory-bench-dashboard.db';
const loads = flags.int('loads', 1, 100, 5);
const webRoot = fileURLToPath(new URL('../dashboard/dist/web', import.meta.url));
if (!existsSync(`${webRoot}/index.html`))
  throw new Error('Build the app first: pnpm --filter @observatory/dashboard build');
if (!/^postgres(ql)?:\/\//.test(databaseUrl) && !existsSync(databaseUrl)) {
  throw new Error(`No store at ${databaseUrl}; fill one with bench/dashboard-api.ts first`);
}

const server = await startServer({ databaseUrl, port: 0, webRoot, token: null });
const browser = await launchChromium();
const stats = await server.observatory.storage.getStoreStats();

/** Milliseconds from navigation start until `charts` charts have drawn (or the page's panels are up). */
async function timePage(page: import('playwright-core').Page, path: string, charts: number): Promise<number> {
  await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (n) => {
      const drawn = [...document.querySelectorAll('.apexcharts-canvas')].filter(
        (c) => c.querySelectorAll('path, rect').length > 3,
      ).length;
      const ready = n > 0 ? drawn >= n : document.querySelectorAll('.panel table tbody tr').length > 0;
      return ready ? performance.now() : null;
    },
    charts,
    { timeout: 30_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

try {
  // Let the server's start-up warm-up (rollup cache fill) finish first, as a running server would have.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const lines = [
    `Store: ${databaseUrl} — ${stats.calls.toLocaleString('en-US')} calls; Chromium ${browser.version()}, viewport 1440×900`,
    `First load in a fresh browser context (no cached assets), then ${loads} loads in a warm one`,
    '',
    '| page | charts | first load (ms) | median (ms) | max (ms) |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  let worst = 0;
  // The pages' own ranges (14 days, the demo's default) widened to the bench store's 30 days.
  for (const entry of PAGES) {
    const target = {
      ...entry,
      path: (await resolvePagePath(server.url, entry.path)).replace('range=14d', 'range=30d'),
    };
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const first = await timePage(await fresh.newPage(), target.path, target.charts);
    await fresh.close();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const times: number[] = [];
    for (let i = 0; i < loads; i++) times.push(await timePage(page, target.path, target.charts));
    await context.close();
    times.sort((a, b) => a - b);
    const max = Math.max(first, ...times);
    worst = Math.max(worst, max);
    lines.push(
      `| ${target.name} (\`${target.path}\`) | ${target.charts} | ${first.toFixed(0)} | ${times[Math.floor(times.length / 2)].toFixed(0)} | ${max.toFixed(0)} |`,
    );
  }
  lines.push('', `Slowest load: ${worst.toFixed(0)} ms (target ≤ 1,500 ms)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = worst <= 1500 ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
