import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = process.env.OBSERVATORY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Stands in a page path for the session with the most calls (resolved by resolvePagePath). */
const LARGEST_SESSION = '{largest-session}';

/** The pages: name (for screenshots), path, and how many charts each draws at least. */
export const PAGES: ReadonlyArray<{ name: string; path: string; charts: number }> = [
  { name: 'home', path: '/?range=14d', charts: 3 },
  { name: 'live', path: '/live?window=24h', charts: 1 },
  { name: 'cost-estimator', path: '/cost?range=14d', charts: 2 },
  { name: 'model-router', path: '/router?range=14d', charts: 4 },
  { name: 'cache-analyzer', path: '/cache?range=14d', charts: 2 },
  { name: 'llm-judge', path: '/judge?range=14d', charts: 3 },
  { name: 'prompt-optimizer', path: '/prompts?range=14d', charts: 1 },
  { name: 'sessions', path: '/sessions?range=14d', charts: 0 },
  { name: 'session-detail', path: `/sessions/${LARGEST_SESSION}`, charts: 0 },
  { name: 'calls', path: '/calls?range=14d', charts: 0 },
  { name: 'settings', path: '/settings', charts: 0 },
];

/** A PAGES path with its placeholder filled in from the running server's API. */
export async function resolvePagePath(serverUrl: string, path: string): Promise<string> {
  if (!path.includes(LARGEST_SESSION)) return path;
  const response = await fetch(`${serverUrl}/api/sessions?sort=calls&limit=1`);
  const body = (await response.json()) as { items: Array<{ id: string }> };
  const id = body.items[0]?.id;
  if (!id) throw new Error('The store has no session to open');
  return path.replace(LARGEST_SESSION, encodeURIComponent(id));
}

/** A 1440×900 page that records every console error and uncaught exception. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}
