/**
 * Regenerate docs/screenshots/*.png: fill a throwaway store with demo history (or use
 * --db), serve the built app, open each page in Debian's Chromium and save a screenshot.
 *
 *   pnpm --filter @observatory/dashboard build
 *   npx tsx --conditions=@observatory/source dashboard/scripts/screenshots.ts [--db URL] [--calls N] [--days N]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fillDemoHistory } from '@observatory/examples/demo';
import { launchChromium, PAGES, resolvePagePath } from '../src/e2e/launch-chromium.js';
import { startServer } from '../src/server/main.js';

const { values: args } = parseArgs({
  options: { db: { type: 'string' }, calls: { type: 'string' }, days: { type: 'string' } },
});
const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

let databaseUrl = args.db;
let scratch: string | null = null;
if (!databaseUrl) {
  scratch = mkdtempSync(join(tmpdir(), 'observatory-shots-'));
  databaseUrl = join(scratch, 'demo.db');
  const calls = Number(args.calls ?? 50_000);
  process.stdout.write(`Generating ${calls} demo calls…\n`);
  await fillDemoHistory({ databaseUrl, calls, days: Number(args.days ?? 14), seed: 7 });
}

const server = await startServer({ databaseUrl, port: 0, webRoot, token: null });
const browser = await launchChromium();
try {
  mkdirSync(outDir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`[browser] ${message.text()}\n`);
  });
  page.on('pageerror', (error) => process.stderr.write(`[browser] ${error.message}\n`));
  for (const target of PAGES) {
    await page.goto(`${server.url}${await resolvePagePath(server.url, target.path)}`, { waitUntil: 'networkidle' });
    if (target.charts > 0) {
      await page.waitForFunction((n) => document.querySelectorAll('.apexcharts-canvas').length >= n, target.charts, {
        timeout: 15_000,
      });
    } else {
      await page.waitForSelector('.panel', { timeout: 15_000 });
    }
    if (target.name === 'prompt-optimizer') {
      // Show the editor at work: an edited instruction, its token and cost estimate, and the diff.
      const editor = page.locator('[data-prompt-editor]');
      const text = await editor.inputValue();
      await editor.fill(`${text} Cite the source of every figure you give, then offer one follow-up step.`);
      await page.waitForFunction(() => document.querySelectorAll('[data-diff] .added').length > 0);
      await page.waitForTimeout(1200);
    }
    // Let chart animations settle; scroll back so sticky bars sit at the top of the full-page shot.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await page.waitForTimeout(900);
    const file = join(outDir, `${target.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
  await server.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
