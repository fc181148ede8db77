import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Observatory } from './observatory.js';
import { makeCall } from './test/index.js';

/** A collector on a loopback port: `answer` decides per request; counts connections and calls. */
async function startCollector(answer: (request: number) => 'hang' | 200) {
  const seen = { requests: 0, connections: 0, calls: 0, authorization: [] as Array<string | undefined> };
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const request = seen.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.authorization.push(req.headers.authorization);
    if (answer(request) === 'hang') return; // never answers: the client must give up
    const { items } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: Array<{ kind: string }> };
    seen.calls += items.filter((item) => item.kind === 'call').length;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rejected: [] }));
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}

describe('ingestUrl: batches POSTed to a collector', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function sender(collectorUrl: string, options: ConstructorParameters<typeof Observatory>[0] = {}) {
    const errors: unknown[] = [];
    const obs = new Observatory({
      ingestUrl: collectorUrl,
      flushOnExit: false,
      spoolDir: false,
      maxRetryDelayMs: 50,
      onError: (error) => errors.push(error),
      ...options,
    });
    cleanups.push(() => obs.close());
    return { obs, errors };
  }

  it('abandons a POST that outlasts ingestTimeoutMs, says so, and delivers the batch on the retry', async () => {
    const collector = await startCollector((request) => (request === 0 ? 'hang' : 200));
    cleanups.push(collector.close);
    const { obs, errors } = await sender(collector.url, { ingestTimeoutMs: 200 });
    for (let i = 0; i < 3; i++) obs.recordCall(makeCall({ promptTokens: 10 + i }));
    await obs.flush();

    expect(collector.seen.calls).toBe(3);
    expect(obs.stats()).toMatchObject({ written: 3, dropped: 0, pending: 0 });
    expect(obs.stats().retried).toBeGreaterThanOrEqual(1);
    const cause = (errors[0] as Error).cause as Error;
    expect(cause.message).toBe(`POST ${collector.url}/api/calls failed: The operation was aborted due to timeout`);
  });

  it('speaks HTTPS to an https:// collector and names the TLS failure when its certificate is not trusted', async () => {
    const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
    const server = createHttpsServer(
      { key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') },
      (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rejected: [] })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { obs, errors } = await sender(url, { maxRetryDelayMs: 10_000, closeTimeoutMs: 200 });
    obs.recordCall(makeCall());
    await obs.flush({ timeoutMs: 1_000 }).catch(() => {});

    expect(obs.stats()).toMatchObject({ written: 0 });
    const cause = (errors[0] as Error).cause as Error;
    expect(cause.message).toBe(`POST ${url}/api/calls failed: self-signed certificate`);
  });

  it('sends the token, and reuses one connection for batch after batch', async () => {
    const collector = await startCollector(() => 200);
    cleanups.push(collector.close);
    const { obs, errors } = await sender(collector.url, { ingestToken: 'secret-1' });
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 10; i++) obs.recordCall(makeCall({ promptTokens: batch * 10 + i }));
      await obs.flush();
    }

    expect(errors).toEqual([]);
    expect(collector.seen).toMatchObject({ requests: 5, calls: 50, connections: 1 });
    expect(new Set(collector.seen.authorization)).toEqual(new Set(['Bearer secret-1']));
  });
});
