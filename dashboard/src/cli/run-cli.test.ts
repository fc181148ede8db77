import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

describe('observatory CLI', () => {
  let dir: string;
  let db: string;
  let demoCalls: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'observatory-cli-'));
    db = join(dir, 'cli.db');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['demo', '--db', db, '--calls', '300', '--days', '3', '--seed', '5'])).toBe(0);
    demoCalls = await countCalls();
  }, 60_000);
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function countCalls(): Promise<number> {
    const obs = new Observatory({ databaseUrl: db, flushOnExit: false });
    try {
      return await obs.storage.countLlmCalls();
    } finally {
      await obs.close();
    }
  }

  it('demo fills the store with about the requested number of calls', async () => {
    // The crews run whole sessions, so the last one may go a few calls past the number asked for.
    expect(demoCalls).toBeGreaterThanOrEqual(300);
    expect(demoCalls).toBeLessThan(330);
  });

  it('exports every call as CSV or NDJSON', async () => {
    const csvPath = join(dir, 'calls.csv');
    expect(await runCli(['export', '--format', 'csv', '--calls-only', '--db', db, '--out', csvPath])).toBe(0);
    const rows = readFileSync(csvPath, 'utf8').trim().split('\r\n');
    expect(rows[0]).toMatch(/^id,sessionId,projectName,timestamp,provider,modelName,/);
    expect(rows).toHaveLength(demoCalls + 1);

    const jsonPath = join(dir, 'calls.ndjson');
    expect(
      await runCli(['export', '--format', 'json', '--db', db, '--project', 'crew-career-copilot', '--out', jsonPath]),
    ).toBe(0);
    const calls = readFileSync(jsonPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.every((c) => c.projectName === 'crew-career-copilot')).toBe(true);
    // Sessions follow the calls, so an import can restore them (see the import tests).
    expect(calls.at(-1).kind).toBe('session');
    await expect(runCli(['export', '--format', 'xml', '--db', db])).rejects.toThrow(
      '--format must be csv or json, got "xml"',
    );
  });

  it('prunes sessions older than a duration', async () => {
    expect(await runCli(['prune', '--older-than', '30d', '--db', db])).toBe(0);
    expect(await countCalls()).toBe(demoCalls);
    expect(await runCli(['prune', '--older-than', '1d', '--db', db])).toBe(0);
    const left = await countCalls();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(demoCalls);
    await expect(runCli(['prune', '--older-than', 'soon', '--db', db])).rejects.toThrow(
      '--older-than needs a duration',
    );
  });

  it('refuses unknown commands and a public host without a token', async () => {
    expect(await runCli(['launch'])).toBe(1);
    const token = process.env.OBSERVATORY_TOKEN;
    delete process.env.OBSERVATORY_TOKEN;
    try {
      await expect(runCli(['serve', '--host', '0.0.0.0', '--db', db])).rejects.toThrow(
        /Refusing to listen on 0\.0\.0\.0/,
      );
    } finally {
      if (token !== undefined) process.env.OBSERVATORY_TOKEN = token;
    }
  });
});
