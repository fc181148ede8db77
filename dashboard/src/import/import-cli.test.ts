import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Observatory } from '@observatory/core';
import {
  createTestDatabase,
  createTestObservatory,
  makeCall,
  type TestDatabase,
  testDatabases,
} from '@observatory/core/test';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `observatory …` as a real process, feeding `stdin` to it. */
function observatory(args: string[], stdin = ''): Promise<Run> {
  const proc = spawn(process.execPath, ['--conditions=@observatory/source', '--import', 'tsx', cli, ...args]);
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  proc.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  proc.stdin.end(stdin);
  return new Promise((resolve) => proc.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('observatory import (a real process, stdin)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('reads an export piped from `observatory export`, reports bad lines and exits 1', async () => {
    const source = await createTestObservatory();
    cleanups.push(source.cleanup);
    await source.obs.withSession('pipe', async (s) => {
      for (let i = 0; i < 20; i++) source.obs.recordCall(makeCall({ sessionId: s.id, prompt: `p,"${i}"\n` }));
    });
    await source.obs.flush();
    const target: TestDatabase = await createTestDatabase(testDatabases().at(-1) ?? 'sqlite');
    cleanups.push(target.drop);

    const exported = await observatory(['export', '--format', 'csv', '--db', source.databaseUrl]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const [header, ...rows] = exported.stdout.trimEnd().split('\r\n');
    expect(header.split(',')).toContain('kind');
    // Break one call's latency (a data row, not a line inside a quoted prompt).
    const broken = rows[0].replace(/,(\d+),,(\d)/, ',fast,,$2');
    expect(broken).not.toBe(rows[0]);
    const input = [header, broken, ...rows.slice(1)].join('\r\n');

    const imported = await observatory(['import', '--format', 'csv', '--db', target.url], input);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(
      /^line \d+: latencyMs: Invalid input: expected number, received string, got "fast"$/m,
    );
    expect(imported.stdout).toContain('Imported 19 calls (0 already stored) and 1 sessions');
    expect(imported.stdout).toContain('skipped 1 bad records');

    const again = await observatory(['import', '--format', 'csv', '--db', target.url], input);
    expect(again.stdout).toContain('Imported 0 calls (19 already stored) and 1 sessions');
    const reader = new Observatory({ databaseUrl: target.url, flushOnExit: false });
    try {
      expect(await reader.storage.countLlmCalls()).toBe(19);
    } finally {
      await reader.close();
    }
  }, 60_000);
});
