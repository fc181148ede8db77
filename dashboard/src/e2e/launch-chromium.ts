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

/** The eight pages: name (for screenshots), path, and how many charts each draws at least. */
export const PAGES: ReadonlyArray<{ name: string; path: string; charts: number }> = [
  { name: 'home', path: '/?range=14d', charts: 3 },
  { name: 'live', path: '/live?window=24h', charts: 1 },
  { name: 'cost-estimator', path: '/cost?range=14d', charts: 2 },
  { name: 'model-router', path: '/router?range=14d', charts: 4 },
  { name: 'cache-analyzer', path: '/cache?range=14d', charts: 2 },
  { name: 'llm-judge', path: '/judge?range=14d', charts: 3 },
  { name: 'prompt-optimizer', path: '/prompts?range=14d', charts: 1 },
  { name: 'settings', path: '/settings', charts: 0 },
];

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
