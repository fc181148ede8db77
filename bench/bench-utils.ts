import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder removed at exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `observatory-bench-${prefix}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The q-quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Yield to the event loop, so background work (the writer) runs. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A realistic call input, varied by index. */
export function benchCall(i: number, sessionId?: string) {
  const models = [
    ['openai', 'gpt-4o'],
    ['openai', 'gpt-4o-mini'],
    ['anthropic', 'claude-sonnet-4-5'],
    ['anthropic', 'claude-3-5-haiku-latest'],
  ] as const;
  const agents = ['Planner', 'Researcher', 'Writer', 'Reviewer', 'Router'];
  const [provider, modelName] = models[i % models.length];
  const promptTokens = 400 + ((i * 7919) % 6000);
  return {
    sessionId,
    provider,
    modelName,
    promptTokens,
    cachedPromptTokens: i % 3 === 0 ? Math.floor(promptTokens / 2) : 0,
    completionTokens: 50 + ((i * 104729) % 900),
    latencyMs: 200 + ((i * 31) % 4000),
    agentName: agents[i % agents.length],
    operationName: 'bench',
  };
}

export function formatNumber(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * Progress of a long fill, as a line on stderr per tenth done (what a log keeps; the
 * dashboard CLI's TTY bar is its own, not an export).
 */
export function reportProgress(label: string): (done: number, total: number) => void {
  const started = Date.now();
  let lastTenth = -1;
  return (done, total) => {
    const tenth = total > 0 ? Math.floor((10 * Math.min(done, total)) / total) : 10;
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${tenth * 10}% ${formatNumber(done, 0)}/${formatNumber(total, 0)} ${label} · ${seconds}s\n`);
  };
}
