import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { COMMANDS, runCli } from './run-cli.js';

describe('observatory CLI', () => {
  let dir: string;
  let db: string;
  let demoCalls: number;
  let stdout: MockInstance<typeof process.stdout.write>;
  let stderr: MockInstance<typeof process.stderr.write>;
  const printed = (stream: MockInstance<typeof process.stdout.write>) =>
    stream.mock.calls.map(([chunk]) => String(chunk)).join('');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'observatory-cli-'));
    db = join(dir, 'cli.db');
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['demo', '--db', db, '--calls', '300', '--days', '3', '--seed', '5'])).toBe(0);
    demoCalls = await countCalls();
  }, 60_000);
  beforeEach(() => {
    stdout.mockClear();
    stderr.mockClear();
  });
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
    expect(await runCli(['export', '--format', 'xml', '--db', db])).toBe(2);
    expect(printed(stderr)).toContain('observatory export: --format must be csv or json, got "xml"');
  });

  it('prunes sessions older than a duration', async () => {
    expect(await runCli(['prune', '--older-than', '30d', '--db', db])).toBe(0);
    expect(await countCalls()).toBe(demoCalls);
    expect(await runCli(['prune', '--older-than', '1d', '--db', db])).toBe(0);
    const left = await countCalls();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(demoCalls);
    expect(await runCli(['prune', '--older-than', 'soon', '--db', db])).toBe(2);
    expect(printed(stderr)).toContain('--older-than needs a duration such as 90d, 12w, 48h or 15m, got "soon"');
    expect(await runCli(['prune', '--db', db])).toBe(2);
    expect(printed(stderr)).toContain('--older-than is required, e.g. --older-than 90d');
  });

  it('stats prints what the store holds, as text or JSON', async () => {
    expect(await runCli(['stats', '--db', db, '--json'])).toBe(0);
    const summary = JSON.parse(printed(stdout));
    expect(summary.calls).toBe(await countCalls());
    expect(summary.projects.map((p: { name: string }) => p.name).sort()).toEqual([
      'crew-career-copilot',
      'crew-code-review',
      'crew-sql-agent',
    ]);
    expect(summary.projects.reduce((sum: number, p: { calls: number }) => sum + p.calls, 0)).toBe(summary.calls);
    stdout.mockClear();
    expect(await runCli(['stats', '--db', db])).toBe(0);
    expect(printed(stdout)).toMatch(/^Store: {4}.*cli\.db\nCalls: {4}[\d,]+ in [\d,]+ sessions, \$/);
  });

  it('prints its version and a help for every verb', async () => {
    expect(await runCli(['--version'])).toBe(0);
    expect(printed(stdout)).toMatch(/^\d+\.\d+\.\d+\n$/);
    for (const command of COMMANDS) {
      stdout.mockClear();
      expect(await runCli([command.name, '--help'])).toBe(0);
      const help = printed(stdout);
      expect(help).toContain(`Usage: observatory ${command.name} [options]`);
      for (const option of Object.keys(command.options)) expect(help).toContain(`--${option}`);
    }
  });

  it('answers a wrong command line with exit code 2, naming the flag and value', async () => {
    expect(await runCli(['launch'])).toBe(2);
    expect(printed(stderr)).toContain('observatory: unknown command "launch"');
    const cases: Array<[string[], string]> = [
      [['serve', '--prot', '80'], 'observatory serve has no option --prot'],
      [['serve', '--port'], '--port needs a value (N)'],
      [['serve', '--port', 'eighty'], '--port must be a whole number from 0 to 65535, got "eighty"'],
      [['demo', '--live=yes'], '--live is a switch and takes no value'],
      [['demo', '--every', 'often'], '--every needs a duration such as 90d, 12w, 48h or 15m, got "often"'],
      [['export', '--from', 'yesterday'], '--from must be a date such as 2026-01-31, got "yesterday"'],
      [['import', '--in', join(dir, 'missing.ndjson')], 'missing.ndjson"'],
      [['stats', 'extra'], 'observatory stats takes no arguments besides its flags, got "extra"'],
    ];
    for (const [argv, message] of cases) {
      stderr.mockClear();
      expect(await runCli(argv), argv.join(' ')).toBe(2);
      expect(printed(stderr)).toContain(message);
    }
  });

  it('refuses a public host without a token', async () => {
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
