import dns from 'node:dns';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, testDatabases } from '../test/index.js';

/** Every connection and DNS lookup this process attempts while the tests run. */
const attempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const originalLookup = dns.lookup;

beforeAll(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const [first, second] = args as [unknown, unknown];
    const options =
      typeof first === 'object' && first !== null ? (first as net.NetConnectOpts) : { port: first, host: second };
    const target =
      'path' in options && options.path
        ? `unix:${options.path}`
        : `${(options as { host?: string }).host ?? 'localhost'}:${(options as { port?: unknown }).port}`;
    attempts.push(target);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    attempts.push(`dns:${hostname}`);
    return (originalLookup as (...a: unknown[]) => void)(hostname, ...rest);
  }) as typeof dns.lookup;
});
afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
  dns.lookup = originalLookup;
});

const loopback = /^(unix:|dns:localhost$|(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]):\d+$)/;

describe('no outbound connections from core', () => {
  it.each(testDatabases())('recording, pricing and querying on %s touch only loopback', async (database) => {
    const t = await createTestObservatory({ database });
    try {
      const { obs } = t;
      await obs.withSession('offline', async () => {
        obs.recordCall(makeCall());
        obs.recordCall(makeCall({ provider: 'anthropic', modelName: 'claude-sonnet-4-5', promptTokens: 300_000 }));
        obs.recordCall(makeCall({ provider: 'acme', modelName: 'unknown-model' }));
      });
      await obs.flush();
      await obs.storage.getOverview({ projectName: obs.projectName });
      await obs.storage.getBreakdown('model', { projectName: obs.projectName });
      expect(await obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(3);
    } finally {
      await t.cleanup();
    }
    const outbound = attempts.filter((a) => !loopback.test(a));
    expect(outbound).toEqual([]);
    if (database === 'postgres') expect(attempts.some((a) => a.startsWith('127.0.0.1:'))).toBe(true);
  });
});
