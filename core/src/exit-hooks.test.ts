import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Observatory } from './observatory.js';
import { createTestDatabase, type TestDatabase } from './test/index.js';

const child = fileURLToPath(new URL('./__fixtures__/record-then-wait.ts', import.meta.url));

function startChild(
  databaseUrl: string,
  count: number,
  mode = '',
): Promise<{ proc: ChildProcess; output: () => string }> {
  // Node itself (not an npx wrapper), so the signal reaches the process under test.
  const proc = spawn(
    process.execPath,
    ['--conditions=@observatory/source', '--import', 'tsx', child, databaseUrl, String(count), mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('ready')) resolve({ proc, output: () => out });
    });
    proc.on('exit', (code) => reject(new Error(`child exited early with ${code}: ${out}`)));
  });
}

function exited(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
}

async function storedCalls(databaseUrl: string): Promise<number> {
  const reader = new Observatory({ databaseUrl, flushOnExit: false });
  try {
    return await reader.storage.countLlmCalls({ projectName: 'exit-test' });
  } finally {
    await reader.close();
  }
}

describe('flush on exit', () => {
  let db: TestDatabase;
  afterEach(async () => {
    await db?.drop();
  });

  it('flushes the queue on SIGTERM, then exits the way Node would without us', async () => {
    db = await createTestDatabase('sqlite');
    const { proc } = await startChild(db.url, 3000);
    const exit = exited(proc);
    proc.kill('SIGTERM');
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await storedCalls(db.url)).toBe(3000);
  });

  it('flushes the queue through the writer thread on SIGTERM (writerThread: true)', async () => {
    db = await createTestDatabase('sqlite');
    const { proc } = await startChild(db.url, 3000, 'writer-thread');
    const exit = exited(proc);
    proc.kill('SIGTERM');
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await storedCalls(db.url)).toBe(3000);
  });

  it("leaves the app's own SIGTERM handler in charge", async () => {
    db = await createTestDatabase('sqlite');
    const { proc, output } = await startChild(db.url, 500, 'own-handler');
    const exit = exited(proc);
    proc.kill('SIGTERM');
    expect(await exit).toEqual({ code: 7, signal: null });
    expect(output()).toContain('app handler done');
    expect(await storedCalls(db.url)).toBe(500);
  });
});
