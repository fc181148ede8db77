import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Observatory } from '@observatory/core';
import { fillDemoHistory } from '@observatory/examples/demo';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/main.js';
import { formatCost } from '../web/format.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, openPage as openBrowserPage } from './launch-chromium.js';

const XSS_PROMPT = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>Where is my invoice?';
const dashboardDir = fileURLToPath(new URL('../../', import.meta.url));

// Without Chromium the browser tests cannot run: skip with a reason locally, fail under CI.
const available = chromiumAvailable();
if (!available) {
  if (process.env.CI) throw new Error(`Chromium is required under CI but ${CHROMIUM_PATH} is missing`);
  console.warn(`Skipping browser tests: ${CHROMIUM_PATH} not found (install Debian's chromium to run them).`);
}

describe.skipIf(!available)('dashboard in Chromium', () => {
  let scratch: string;
  let server: RunningServer;
  let browser: Browser;
  let databaseUrl: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'observatory-e2e-'));
    const webRoot = join(scratch, 'web');
    execFileSync(
      process.execPath,
      [
        join(dashboardDir, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        webRoot,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: dashboardDir,
        stdio: 'inherit',
      },
    );
    databaseUrl = join(scratch, 'e2e.db');
    await fillDemoHistory({ databaseUrl, calls: 4000, days: 7, seed: 3 });
    const obs = new Observatory({ databaseUrl, projectName: 'support-copilot', flushOnExit: false, strict: true });
    obs.recordCall({
      provider: 'openai',
      modelName: 'gpt-4o',
      promptTokens: 50,
      completionTokens: 5,
      latencyMs: 300,
      agentName: 'Injector',
      prompt: XSS_PROMPT,
      responseText: '<b onmouseover="window.__xss=3">bold</b>',
    });
    await obs.close();
    server = await startServer({ databaseUrl, port: 0, webRoot, token: null });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const openPage = () => openBrowserPage(browser);

  it('renders stored HTML as text, never as markup', async () => {
    const { page, errors } = await openPage();
    try {
      await page.goto(`${server.url}/live?window=24h&project=support-copilot`, { waitUntil: 'networkidle' });
      const row = page.locator('tr', { hasText: 'Injector' }).first();
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('<img src=x onerror=');
      await row.click();
      const prompt = page.locator('[data-call-prompt]');
      await prompt.waitFor();
      expect(await prompt.textContent()).toBe(XSS_PROMPT);
      expect(await page.locator('[data-call-response]').textContent()).toBe('<b onmouseover="window.__xss=3">bold</b>');
      // Nothing was parsed into elements, and no handler ran.
      expect(
        await page.locator('[data-call-drawer] img, [data-call-drawer] script, [data-call-drawer] b').count(),
      ).toBe(0);
      expect(await page.locator('tr img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a new call on the Live page within 2 seconds of its being written', async () => {
    const { page, errors } = await openPage();
    const obs = new Observatory({ databaseUrl, projectName: 'live-check', flushOnExit: false, strict: true });
    try {
      await page.goto(`${server.url}/live?window=5m`, { waitUntil: 'networkidle' });
      await page.waitForSelector('[data-event-stream]');
      const agent = `LiveAgent-${Date.now()}`;
      obs.recordCall({
        provider: 'openai',
        modelName: 'gpt-4o-mini',
        promptTokens: 10,
        completionTokens: 2,
        latencyMs: 120,
        agentName: agent,
      });
      await obs.flush();
      const written = Date.now();
      await page.locator('[data-event-stream] tr', { hasText: agent }).waitFor({ timeout: 2000 });
      expect(Date.now() - written).toBeLessThanOrEqual(2000);
      expect(errors).toEqual([]);
    } finally {
      await obs.close();
      await page.close();
    }
  });

  it('compares two judged models by default on the LLM Judge page', async () => {
    const { page, errors } = await openPage();
    try {
      await page.goto(`${server.url}/judge?range=7d`, { waitUntil: 'networkidle' });
      const compare = page.locator('[data-judge-compare]');
      await compare.waitFor();
      // Both sides have judged calls, so the t-test's verdict shows instead of the fallback.
      await expect.poll(() => compare.textContent(), { timeout: 10_000 }).toContain('95% CI');
      expect(await compare.textContent()).not.toContain('Needs at least two judged calls');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('estimates an edited prompt in the Prompt Optimizer', async () => {
    const { page, errors } = await openPage();
    try {
      await page.goto(`${server.url}/prompts?range=7d`, { waitUntil: 'networkidle' });
      const editor = page.locator('[data-prompt-editor]');
      await editor.waitFor();
      await page.locator('[data-estimate]').waitFor();
      await editor.fill(`${await editor.inputValue()} Always cite the relevant help-center article by its title.`);
      await expect
        .poll(() => page.locator('[data-estimate] .delta').first().textContent(), { timeout: 10_000 })
        .toMatch(/^\+\d+/);
      expect(await page.locator('[data-diff] .added').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
  it('goes from Mission Control to a session: timeline, agent graph, one call in full', async () => {
    const { page, errors } = await openPage();
    try {
      await page.goto(`${server.url}/?project=crew-career-copilot&range=7d`, { waitUntil: 'networkidle' });
      await page.locator('[data-session-link]').first().click();
      await page.waitForURL(/\/sessions\/[^/?]+/);
      const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      const detail = await (await page.request.get(`${server.url}/api/sessions/${sessionId}?limit=1`)).json();
      // Every call of the run is a bar, whatever page of steps the table shows.
      await expect
        .poll(() => page.locator('[data-timeline]').getAttribute('data-bars'))
        .toBe(String(detail.totals.calls));
      // The pointer finds a bar on the canvas: along the first lane, the readout names a call; a click opens it.
      const box = await page.locator('[data-timeline] canvas').boundingBox();
      if (!box) throw new Error('no timeline canvas');
      const readout = page.locator('[data-timeline-readout]');
      let x = box.x + 140;
      for (; x < box.x + box.width && (await readout.getAttribute('data-call')) === null; x += 3) {
        await page.mouse.move(x, box.y + 13);
      }
      const pointed = await readout.getAttribute('data-call');
      expect(detail.timeline.ids).toContain(pointed);
      expect(await readout.textContent()).toContain(detail.timeline.agents[0]);
      await page.mouse.click(x - 3, box.y + 13);
      await page.locator('[data-call-drawer]').waitFor();
      expect(await page.locator('[data-call-drawer]').getAttribute('data-call-drawer')).toBe(pointed);
      expect(await page.locator('[data-call-drawer]').textContent()).toContain(sessionId);
      await page.locator('[data-call-drawer] button', { hasText: 'Close' }).click();
      expect(await page.locator('[data-agent-node]').count()).toBe(detail.graph.nodes.length);
      expect(await page.locator('[data-kpi="Calls"]').textContent()).toContain(String(detail.totals.calls));
      await page.locator('[data-step-row]').first().click();
      const drawer = page.locator('[data-call-drawer]');
      await drawer.waitFor();
      await expect.poll(() => drawer.locator('[data-call-prompt]').textContent()).not.toBe('');
      expect(await drawer.textContent()).toContain(sessionId);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('breaks cost down per tenant on Mission Control, and rolls a new key up from Settings', async () => {
    const { page, errors } = await openPage();
    try {
      const query = 'project=crew-sql-agent&range=7d';
      const tenants = await (
        await page.request.get(`${server.url}/api/breakdown?${query}&by=metadata.tenantId`)
      ).json();
      expect(tenants.source).toBe('rollups');
      await page.goto(`${server.url}/?tab=metadata&${query}`, { waitUntil: 'networkidle' });
      // The demo rolls tenantId up: it is the default key, and its table lists every tenant, the costliest first.
      expect(await page.locator('select[aria-label="Metadata key"]').inputValue()).toBe('tenantId');
      const firstRow = page.locator('.panel', { hasText: 'Per tenantId' }).locator('tbody tr').first();
      await expect.poll(() => firstRow.textContent()).toContain(tenants.rows[0].key);
      expect(await page.locator('.panel', { hasText: 'Per tenantId' }).locator('tbody tr').count()).toBe(
        tenants.rows.length,
      );
      expect(await page.locator('[data-testid="metadata-source-note"]').count()).toBe(0);

      // plan is not rolled up: the page says its figures come from the calls.
      await page.locator('select[aria-label="Metadata key"]').selectOption('plan');
      await page.locator('[data-testid="metadata-source-note"]').waitFor();

      await page.goto(`${server.url}/settings`, { waitUntil: 'networkidle' });
      await page.locator('#metadata-keys input').fill('plan');
      await page.locator('#metadata-keys button[type="submit"]').click();
      await expect.poll(() => page.locator('body').textContent()).toContain('plan is rolled up');
      await page.goto(`${server.url}/?tab=metadata&key=plan&${query}`, { waitUntil: 'networkidle' });
      await page.locator('.panel', { hasText: 'Per plan' }).locator('tbody tr').first().waitFor();
      expect(await page.locator('[data-testid="metadata-source-note"]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('creates a budget in Settings and shows its progress on Mission Control and the Cost Estimator', async () => {
    const { page, errors } = await openPage();
    try {
      await page.goto(`${server.url}/settings`, { waitUntil: 'networkidle' });
      const form = page.locator('[data-new-rule]');
      await form.locator('select[name="kind"]').selectOption('budget');
      await form.locator('input[name="name"]').fill('Monthly spend');
      await form.locator('select[name="period"]').selectOption('month');
      await form.locator('input[name="amountUsd"]').fill('250');
      await form.locator('button[type="submit"]').click();
      await expect.poll(() => page.locator('body').textContent()).toContain('Added the rule "Monthly spend"');
      await expect.poll(() => page.locator('[data-alert-rules]').textContent()).toContain('Monthly spend');

      const budgets = await (await page.request.get(`${server.url}/api/alerts/budgets`)).json();
      const budget = budgets.items.find((b: { rule: { name: string } }) => b.rule.name === 'Monthly spend');
      expect(budget.rule).toMatchObject({ kind: 'budget', period: 'month', amountUsd: 250, warnAtPct: [50, 80, 100] });
      const spent = formatCost(budget.groups[0].spentUsd);
      for (const path of ['/', '/cost']) {
        await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
        const panel = page.locator('[data-budget="Monthly spend"]');
        await panel.waitFor();
        expect(await panel.textContent()).toContain('$250.00 a month');
        expect(await panel.textContent()).toContain(spent);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('finds a call by a word of its prompt on the Calls page and opens its run', async () => {
    const { page, errors } = await openPage();
    try {
      const listed = await (
        await page.request.get(`${server.url}/api/calls?project=crew-sql-agent&limit=1&range=7d`)
      ).json();
      const call = listed.items[0];
      const full = await (await page.request.get(`${server.url}/api/calls/${call.id}`)).json();
      const words: string[] = full.prompt.match(/[A-Za-z]{6,}/g) ?? [];
      const word = words.sort((a, b) => b.length - a.length)[0];
      // Within the call's run, the words find exactly the calls that hold them, this one among them.
      await page.goto(`${server.url}/calls?project=crew-sql-agent&range=7d&session=${call.sessionId}`, {
        waitUntil: 'networkidle',
      });
      await page.locator('input[name="q"]').fill(word);
      await page.locator('[data-list-filters] button[type="submit"]').click();
      await page.waitForURL(/q=/);
      const found = page.locator(`[data-call-row="${call.id}"]`);
      await found.waitFor();
      const shown = await page.locator('[data-call-row]').count();
      const expected = await (
        await page.request.get(
          `${server.url}/api/calls?project=crew-sql-agent&range=7d&session=${call.sessionId}&q=${encodeURIComponent(word)}`,
        )
      ).json();
      expect(shown).toBe(expected.items.length);
      expect(await page.locator('[data-calls-total]').textContent()).toContain(String(expected.total));
      await found.click();
      await page.locator('[data-call-drawer] [data-call-prompt]').waitFor();
      expect(await page.locator('[data-call-drawer] [data-call-prompt]').textContent()).toContain(word);
      expect(page.url()).toMatch(/\/calls\/[^/?]+\?/);
      await page.locator('[data-call-drawer] button', { hasText: 'Close' }).click();
      await found.locator('[data-call-session-link]').click();
      await page.waitForURL(new RegExp(`/sessions/${call.sessionId}`));
      await page.locator('[data-timeline] canvas').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
