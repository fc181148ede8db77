import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openPage as openBrowserPage } from './launch-chromium.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const builtCli = join(repoRoot, 'dashboard/dist/cli.js');
const builtWeb = join(repoRoot, 'dashboard/dist/web/index.html');

// The main job runs the built CLI and web app (`npm test` builds them first). Without them,
// or without Chromium, skip with a reason locally and fail under CI.
const missing = [
  chromiumAvailable() ? null : CHROMIUM_PATH,
  existsSync(builtCli) && existsSync(builtWeb) ? null : 'the built dashboard (pnpm run build)',
].filter(Boolean);
if (missing.length > 0) {
  if (process.env.CI) throw new Error(`The main job's browser test needs ${missing.join(' and ')}`);
  console.warn(`Skipping the main job's browser test: it needs ${missing.join(' and ')}.`);
}

/**
 * Every view of the dashboard a user of the demo opens: each page with its default filters,
 * the Mission Control tabs and the Live windows.
 */
const VIEWS: ReadonlyArray<readonly [path: string, minCharts: number]> = [
  ['/', 3],
  ['/?tab=models', 2],
  ['/?tab=agents', 3],
  ['/?tab=metadata', 1],
  ['/?tab=trends', 4],
  ['/?range=14d', 3],
  ['/live', 1],
  ['/live?window=5m', 1],
  ['/live?window=1h', 1],
  ['/live?window=24h', 1],
  ['/cost', 2],
  ['/router', 4],
  ['/cache', 2],
  ['/judge', 3],
  ['/prompts', 1],
  ['/settings', 0],
];

/**
 * What an empty panel looks like on the page: a panel's "nothing here" note or empty
 * state, a chart that drew no series, a table without rows, a table column or KPI that
 * shows only "—". Runs in the browser.
 */
function findEmptyPanels(): string[] {
  const problems: string[] = [];
  const HONEST_EMPTY = new Set([
    'No alert has fired yet.',
    'No channel: alerts are kept in the history only.',
    'Nothing unusual in this range.',
  ]);
  const blank = (text: string) => text === '' || text === '—' || text === '-';
  for (const panel of document.querySelectorAll('.panel')) {
    const title =
      panel.querySelector('.panel-title')?.textContent?.trim() ||
      panel.querySelector('.kpi-label')?.textContent?.trim() ||
      '(untitled panel)';
    for (const note of panel.querySelectorAll('[data-empty], [data-empty-state]')) {
      // Honest states of a fresh demo: alert history starts with the server, no channel is
      // configured (nothing is sent anywhere unasked), and 14 days are too few to judge anomalies.
      if (HONEST_EMPTY.has(note.textContent?.trim() ?? '')) continue;
      problems.push(`${title}: says "${note.textContent?.trim().slice(0, 80)}"`);
    }
    for (const chart of panel.querySelectorAll('.apexcharts-canvas')) {
      const shapes = chart.querySelectorAll(
        '.apexcharts-series path:not([d=""]), .apexcharts-series rect, .apexcharts-heatmap-rect, .apexcharts-pie-area, .apexcharts-bubble-series circle, .apexcharts-series circle',
      );
      if (shapes.length === 0) problems.push(`${title}: a chart drew nothing`);
    }
    // A cell with a drawing (an interval bar, a meter) is not empty even without text.
    const drawn = (cell: Element) => cell.querySelector('.ci-range, .ci-mean, .meter span, svg') !== null;
    for (const table of panel.querySelectorAll('table')) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
      if (HONEST_EMPTY.has(table.querySelector('[data-empty]')?.textContent?.trim() ?? '')) continue;
      const rows = [...table.querySelectorAll('tbody tr')].filter(
        (tr) => !tr.querySelector('[data-empty]') && (headers.length === 0 || tr.children.length === headers.length),
      );
      if (rows.length === 0) {
        problems.push(`${title}: a table without rows`);
        continue;
      }
      headers.forEach((header, column) => {
        if (header === '') return;
        const cells = rows.map((tr) => tr.children[column]);
        if (cells.every((cell) => !cell || (blank(cell.textContent?.trim() ?? '') && !drawn(cell))))
          problems.push(`${title}: column "${header}" shows nothing`);
      });
    }
    const kpi = panel.querySelector('.kpi-value');
    if (kpi && blank(kpi.textContent?.trim() ?? '')) problems.push(`${title}: KPI shows "—"`);
  }
  return problems;
}

describe.skipIf(missing.length > 0)('the main job (npm start) in Chromium', () => {
  let scratch: string;
  let shots: string;
  let job: ChildProcess;
  let output = '';
  let url: string;
  let servedAt: number;
  let browser: Browser;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'observatory-main-job-'));
    // Kept after the run for a look: OBSERVATORY_E2E_SCREENSHOTS, or a folder in the temp dir.
    shots = process.env.OBSERVATORY_E2E_SCREENSHOTS ?? join(tmpdir(), 'observatory-e2e-screenshots');
    mkdirSync(shots, { recursive: true });
    console.info(`Browser test screenshots: ${shots}`);
    // A fresh store: the job writes the demo history (smaller than the default 50,000, to
    // keep the suite short), serves it and keeps the crews running live.
    job = spawn(
      process.execPath,
      [join(repoRoot, 'scripts/main-job.mjs'), '--calls', '3000', '--days', '14', '--every', '2s', '--port', '0'],
      {
        cwd: repoRoot,
        env: { ...process.env, OBSERVATORY_DATABASE_URL: join(scratch, 'observatory.db') },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    job.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    job.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL in 120 s:\n${output}`)), 120_000);
      const poll = setInterval(() => {
        const match = /dashboard on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match[1]);
        }
      }, 100);
      job.once('exit', (code) => reject(new Error(`the main job exited with ${code}:\n${output}`)));
    });
    servedAt = Date.now();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (job?.pid && job.exitCode === null) {
      const exited = new Promise((resolve) => job.once('exit', resolve));
      process.kill(-job.pid, 'SIGINT');
      await exited;
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  const openPage = () => openBrowserPage(browser);

  it('shows new calls arriving on the Live page within a minute', async () => {
    const { page, errors } = await openPage();
    try {
      // The history ends 30 minutes before now, so a call in the last 5 minutes is live.
      await page.goto(`${url}/live?window=5m`, { waitUntil: 'networkidle' });
      const rows = page.locator('[data-event-stream] tbody tr:not(:has([data-empty]))');
      await rows.first().waitFor({ timeout: Math.max(1000, 60_000 - (Date.now() - servedAt)) });
      expect(Date.now() - servedAt).toBeLessThan(60_000);
      // And they keep coming: the newest row changes as the crews make further calls.
      const newest = await rows.first().textContent();
      await expect.poll(() => rows.first().textContent(), { timeout: 30_000 }).not.toBe(newest);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('has no empty panel on any page of the demo', async () => {
    const found: string[] = [];
    for (const [view, minCharts] of VIEWS) {
      const { page, errors } = await openPage();
      try {
        await page.goto(`${url}${view}`, { waitUntil: 'networkidle' });
        await page.waitForSelector('.panel');
        if (minCharts > 0) {
          await page
            .waitForFunction((n) => document.querySelectorAll('.apexcharts-canvas').length >= n, minCharts, {
              timeout: 15_000,
            })
            .catch(() => found.push(`${view}: fewer than ${minCharts} charts`));
        }
        // Charts draw after their data arrives; give every canvas a moment to fill.
        await page.waitForTimeout(500);
        const name = view.replace(/[/?=&]+/g, '-').replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: join(shots, `demo-${name}.png`), fullPage: true });
        for (const problem of await page.evaluate(findEmptyPanels)) found.push(`${view} ${problem}`);
        for (const error of errors) found.push(`${view} console: ${error}`);
      } finally {
        await page.close();
      }
    }
    expect(found).toEqual([]);
  }, 180_000);
});
