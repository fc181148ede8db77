import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type LLMCall, Observatory, type ObservatoryOptions, type Session } from '@observatory/core';
import {
  createTestObservatory,
  makeCall,
  makeStoredCall,
  type TestObservatory,
  testDatabases,
} from '@observatory/core/test';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CreateAppOptions, createApp } from '../create-app.js';

/** The dashboard app served on a loopback port, as `observatory serve` does; `bodies` keeps each request body. */
async function startServer(obs: Observatory, options: CreateAppOptions = {}, port = 0, bodies?: string[]) {
  const app = createApp(obs, { cacheRevalidateMs: 0, onError: () => {}, ...options });
  const fetch = async (request: Request) => {
    bodies?.push(await request.clone().text());
    return app.fetch(request);
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An Observatory that sends to `ingestUrl`, with its own spool folder and collected errors. */
function createClient(ingestUrl: string, options: ObservatoryOptions = {}) {
  const spoolRoot = mkdtempSync(join(tmpdir(), 'observatory-ingest-client-'));
  const errors: unknown[] = [];
  const obs = new Observatory({
    ingestUrl,
    projectName: `remote-${uuidv7().slice(-6)}`,
    flushOnExit: false,
    flushIntervalMs: 20,
    maxRetryDelayMs: 200,
    spoolDir: join(spoolRoot, 'spool'),
    onError: (error) => errors.push(error),
    ...options,
  });
  return {
    obs,
    errors,
    cleanup: async () => {
      await obs.close();
      rmSync(spoolRoot, { recursive: true, force: true });
    },
  };
}

/** POST a JSON body to /api/calls; returns the status and the parsed answer. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

/** The fields of a stored call that must arrive exactly as the client recorded them. */
function sent(call: LLMCall) {
  return {
    id: call.id,
    sessionId: call.sessionId,
    projectName: call.projectName,
    timestamp: call.timestamp.toISOString(),
    modelName: call.modelName,
    promptTokens: call.promptTokens,
    completionTokens: call.completionTokens,
    cachedPromptTokens: call.cachedPromptTokens,
    totalCost: call.totalCost,
    costSource: call.costSource,
    agentName: call.agentName,
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(testDatabases())('POST /api/calls into %s', (database) => {
  let server: TestObservatory;
  let running: Awaited<ReturnType<typeof startServer>> | null;
  const clients: Array<ReturnType<typeof createClient>> = [];

  beforeEach(async () => {
    server = await createTestObservatory({ database });
    running = await startServer(server.obs);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.cleanup();
    await running?.close();
    await server.cleanup();
  });

  function client(options: ObservatoryOptions = {}, url = running?.url ?? '') {
    const made = createClient(url, options);
    clients.push(made);
    return made;
  }

  it('stores exactly the calls, sessions, totals and costs a remote Observatory recorded', async () => {
    const { obs, errors } = client({ batchSize: 7 });
    const recorded: LLMCall[] = [];
    const sessions: Session[] = [];
    for (const op of ['triage', 'review']) {
      const session = obs.startSession(op, { ticket: op.length });
      sessions.push(session);
      for (let i = 0; i < 12; i++) {
        const call = obs.recordCall(
          makeCall({
            sessionId: session.id,
            modelName: i % 2 ? 'gpt-4o' : 'gpt-4o-mini',
            promptTokens: 1000 + i,
            cachedPromptTokens: i * 10,
          }),
        );
        if (call) recorded.push(call);
      }
      await obs.endSession(session, { success: op === 'triage', error: op === 'triage' ? undefined : 'timed out' });
    }
    await obs.flush();
    expect(errors).toEqual([]);
    expect(obs.stats()).toMatchObject({ written: 24, pending: 0, dropped: 0 });

    const stored = await server.obs.storage.getLlmCalls({ projectName: obs.projectName, limit: 100 });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(stored.map(sent).sort(byId)).toEqual(recorded.map(sent).sort(byId));
    expect(recorded.every((c) => c.totalCost > 0 && c.costSource === 'price_table')).toBe(true);
    for (const session of sessions) {
      const row = await server.obs.storage.getSession(session.id);
      expect(row).toMatchObject({
        projectName: obs.projectName,
        operationType: session.operationType,
        metadata: session.metadata,
        totalLlmCalls: 12,
        totalTokens: session.totalTokens,
        success: session.success,
        error: session.error,
      });
      expect(row?.totalCost).toBeCloseTo(session.totalCost, 12);
      expect(row?.endTime?.toISOString()).toBe(session.endTime?.toISOString());
    }
  });

  it('stores every field of a call as it was recorded, with the dates sent as epoch ms', async () => {
    const bodies: string[] = [];
    const recording = await startServer(server.obs, {}, 0, bodies);
    const { obs, errors } = client({}, recording.url);
    const example = makeStoredCall();
    const full = obs.recordCall(
      makeCall({
        ttftMs: 120.5,
        cacheWriteTokens: 300,
        cacheWrite1hTokens: 100,
        reasoningTokens: 40,
        finishReason: 'stop',
        parentId: 'parent-1',
        error: 'RateLimitError: 429',
        routingDecision: example.routingDecision,
        cacheMetadata: example.cacheMetadata,
        qualityEvaluation: { judgeScore: 8, hallucinationFlag: false, factualError: false, suggestions: ['shorter'] },
        metadata: { tenant: 'acme', nested: { tier: 2 } },
      }),
    );
    const bare = obs.recordCall({ provider: 'anthropic', modelName: 'claude-sonnet-4-5', promptTokens: 10 });
    await obs.close();
    await recording.close();
    expect(errors).toEqual([]);

    const wireCalls = bodies
      .flatMap((body) => (JSON.parse(body) as { items: Array<{ kind: string; call?: Record<string, unknown> }> }).items)
      .filter((item) => item.kind === 'call')
      .map((item) => item.call ?? {});
    expect(wireCalls).toHaveLength(2);
    for (const call of wireCalls) {
      expect(typeof call.timestamp).toBe('number');
      expect(typeof call.createdAt).toBe('number');
    }
    for (const recorded of [full, bare]) {
      if (!recorded) throw new Error('a call was not recorded');
      const stored = await server.obs.storage.getLlmCall(recorded.id);
      expect(stored).toEqual({ ...recorded, createdAt: stored?.createdAt });
      expect(stored?.createdAt.getTime()).toBe(recorded.createdAt.getTime());
    }
  });

  it('refuses obs.storage queries on a sending Observatory, naming ingestUrl', async () => {
    const { obs } = client();
    await expect(obs.storage.getSessions()).rejects.toThrow(
      /obs\.storage needs a database.*ingestUrl http:\/\/127\.0\.0\.1:\d+\/api\/calls/,
    );
    expect(obs.database).toBe(`${running?.url}/api/calls`);
  });

  it('loses nothing while the server is down: retries, spools, and delivers once it is back', async () => {
    const port = running?.port ?? 0;
    await running?.close();
    running = null;
    const { obs, errors } = client({ batchSize: 5 }, `http://127.0.0.1:${port}`);
    const session = obs.startSession('outage');
    const recorded = Array.from({ length: 40 }, (_, i) =>
      obs.recordCall(makeCall({ sessionId: session.id, promptTokens: 100 + i })),
    );
    await obs.endSession(session, { success: true });
    await until(() => obs.stats().spooled > 0);
    expect(obs.stats()).toMatchObject({ written: 0, dropped: 0 });
    expect(String((errors[0] as Error).cause)).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/calls failed/);

    running = await startServer(server.obs, {}, port);
    await obs.flush();
    expect(obs.stats()).toMatchObject({ written: 40, pending: 0, dropped: 0 });
    const stored = await server.obs.storage.getLlmCalls({ projectName: obs.projectName, limit: 100 });
    expect(stored.map((c) => c.id).sort()).toEqual(recorded.map((c) => c?.id).sort());
    expect(await server.obs.storage.getSession(session.id)).toMatchObject({ totalLlmCalls: 40, success: true });
  });

  it('stores a resent delivery once, also when both copies arrive together', async () => {
    const items = wireItems('resent', 5, { withSession: true });
    const sessionId = (items[0] as { session: { id: string } }).session.id;
    const first = await post(running?.url ?? '', { items });
    expect(first).toMatchObject({ status: 200, body: { accepted: items.length, rejected: [] } });
    const again = await Promise.all([
      post(running?.url ?? '', { items }),
      post(running?.url ?? '', { items }),
      post(running?.url ?? '', { items: items.slice(1) }),
    ]);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    await server.obs.flush();
    expect(await server.obs.storage.countLlmCalls({ projectName: 'resent' })).toBe(5);
    const row = await server.obs.storage.getSession(sessionId);
    expect(row).toMatchObject({ operationType: 'resend', totalLlmCalls: 5, totalTokens: 5 * 1500, success: true });
    const overview = await server.obs.storage.getOverview({ projectName: 'resent' });
    expect(overview.totalCalls).toBe(5);
    expect(overview.totalCost).toBeCloseTo(5 * 0.006, 12);
  });

  it('stores the valid items of a delivery and names the field and value of each bad one', async () => {
    const items = wireItems('mixed', 4);
    (items[2] as { call: Record<string, unknown> }).call.promptTokens = -3;
    (items[3] as { call: Record<string, unknown> }).call.timestamp = 'yesterday-ish';
    items.push({ kind: 'comment', text: 'hi' });
    const answer = await post(running?.url ?? '', { items });
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(3);
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ index: 2, parameter: 'items[2].call.promptTokens', value: -3 }),
      expect.objectContaining({ index: 3, parameter: 'items[3].call.timestamp', value: 'yesterday-ish' }),
      expect.objectContaining({ index: 5, parameter: 'items[5].kind', value: 'comment' }),
    ]);
    expect(answer.body.rejected[0].error).toMatch(/items\[2\]\.call\.promptTokens: .*>=0/);
    await server.obs.flush();
    // The calls came without a session item and without a cost: a stub session, priced here.
    const stored = await server.obs.storage.getLlmCalls({ projectName: 'mixed' });
    expect(stored.map((c) => c.id).sort()).toEqual(
      [items[0], items[1]].map((i) => (i as { call: { id: string } }).call.id).sort(),
    );
    expect(stored.map((c) => [c.costSource, c.totalCost])).toEqual([
      ['price_table', 0.006],
      ['price_table', 0.006],
    ]);
    expect(await server.obs.storage.getSession(stored[0].sessionId)).toMatchObject({
      operationType: 'external',
      totalLlmCalls: 2,
    });
  });

  it('stores a NUL character in texts as U+FFFD and refuses it in names, so no batch fails forever', async () => {
    const items = wireItems('nul', 2);
    (items[0] as { call: Record<string, unknown> }).call.prompt = 'before\u0000after';
    (items[1] as { call: Record<string, unknown> }).call.agentName = 'Re\u0000viewer';
    const answer = await post(running?.url ?? '', { items });
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ parameter: 'items[1].call.agentName', value: 'Re\u0000viewer' }),
    ]);
    await server.obs.flush();
    const [stored] = await server.obs.storage.getLlmCalls({ projectName: 'nul' });
    expect(stored.prompt).toBe('before\uFFFDafter');
  });

  it('answers 400 when no item is valid, 413 past the body limit, 415 without a JSON content type', async () => {
    const url = running?.url ?? '';
    const allBad = await post(url, { items: [{ kind: 'call', call: { id: 'x' } }] });
    expect(allBad).toMatchObject({ status: 400, body: { parameter: 'items[0].call.sessionId', accepted: 0 } });
    expect(await post(url, { items: 'all of them' })).toMatchObject({
      status: 400,
      body: { parameter: 'items', value: 'all of them' },
    });
    expect(await post(url, '{"items": [')).toMatchObject({ status: 400, body: { parameter: 'body' } });
    expect(await post(url, { items: [] }, { 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
      body: { parameter: 'content-type', value: 'text/plain' },
    });

    const small = await startServer(server.obs, { ingestMaxBodyBytes: 2000 });
    try {
      const big = await post(small.url, { items: wireItems('big', 10) });
      expect(big.status).toBe(413);
      expect(big.body.error).toMatch(/Request body over 2000 bytes: send fewer items per request/);
      // A client halves a batch the server finds too large until each part fits.
      const { obs } = client({ batchSize: 50 }, small.url);
      for (let i = 0; i < 10; i++) obs.recordCall(makeCall({ prompt: null, responseText: null }));
      await obs.close();
      expect(obs.stats()).toMatchObject({ written: 10, dropped: 0, pending: 0 });
      expect(await server.obs.storage.countLlmCalls({ projectName: obs.projectName })).toBe(10);
    } finally {
      await small.close();
    }
  });
});

describe.skipIf(!testDatabases().includes('postgres'))('POST /api/calls while the server database is away', () => {
  it('answers 200 once the items are in the server disk spool, and stores them when the database is back', async () => {
    const server = await createTestObservatory({ database: 'postgres', strict: false, maxRetryDelayMs: 100 });
    const running = await startServer(server.obs);
    const knex = (await server.obs.storage.store()).em.getKnex();
    try {
      await knex.raw('alter table llm_calls rename to llm_calls_away');
      const items = wireItems('spooled', 3, { withSession: true });
      expect(await post(running.url, { items })).toMatchObject({ status: 200, body: { accepted: items.length } });
      expect(server.obs.stats()).toMatchObject({ written: 0, spooled: items.length });
      await knex.raw('alter table llm_calls_away rename to llm_calls');
      await server.obs.flush();
      expect(await server.obs.storage.countLlmCalls({ projectName: 'spooled' })).toBe(3);
    } finally {
      await running.close();
      await server.cleanup();
    }
  });
});

describe('POST /api/calls with OBSERVATORY_TOKEN set', () => {
  let server: TestObservatory;
  let running: Awaited<ReturnType<typeof startServer>>;
  beforeEach(async () => {
    server = await createTestObservatory();
    running = await startServer(server.obs, { token: 's3cret' });
  });
  afterEach(async () => {
    await running.close();
    await server.cleanup();
  });

  it('refuses a missing or wrong token with 401 and takes the right Bearer token', async () => {
    const body = { items: wireItems('guarded', 1) };
    expect((await post(running.url, body)).status).toBe(401);
    expect((await post(running.url, body, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await post(running.url, body, { authorization: 'Bearer s3cret' })).toMatchObject({
      status: 200,
      body: { accepted: 2 },
    });
  });

  it('a client with the token delivers; one with a wrong token keeps its calls and reports the 401', async () => {
    const good = createClient(running.url, { ingestToken: 's3cret' });
    const bad = createClient(running.url, { ingestToken: 'wrong', closeTimeoutMs: 200 });
    try {
      good.obs.recordCall(makeCall());
      await good.obs.flush();
      expect(await server.obs.storage.countLlmCalls({ projectName: good.obs.projectName })).toBe(1);

      bad.obs.recordCall(makeCall());
      await until(() => bad.errors.length > 0);
      expect(String((bad.errors[0] as Error).cause)).toMatch(/answered 401: Unauthorized/);
      expect(bad.obs.stats()).toMatchObject({ written: 0, pending: 2 });
    } finally {
      await good.cleanup();
      await bad.cleanup();
    }
  });
});

/**
 * A delivery as any sender may build it: optionally a session item, `calls` calls without
 * a cost (gpt-4o, 1,200 + 300 tokens: $0.006 from the price table), the session's end.
 */
function wireItems(projectName: string, calls: number, options: { withSession?: boolean } = {}) {
  const sessionId = uuidv7();
  const items: Array<Record<string, unknown>> = [];
  if (options.withSession) {
    items.push({
      kind: 'session',
      session: { id: sessionId, projectName, operationType: 'resend', startTime: new Date().toISOString() },
    });
  }
  for (let i = 0; i < calls; i++) {
    items.push({
      kind: 'call',
      call: {
        id: uuidv7(),
        sessionId,
        projectName,
        timestamp: new Date().toISOString(),
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 1200,
        completionTokens: 300,
        latencyMs: 850,
      },
    });
  }
  items.push({ kind: 'end', end: { id: sessionId, endTime: new Date().toISOString(), success: true } });
  return items;
}
