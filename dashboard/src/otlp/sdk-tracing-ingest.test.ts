import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import type { LLMCall } from '@observatory/core';
import {
  createFakeFetch,
  createTestObservatory,
  type FakeReply,
  type TestObservatory,
  testDatabases,
} from '@observatory/core/test';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  exportingTracerProvider,
  startServer,
  type TestServer,
  watchDiagnostics,
} from '../test-support/otlp-test-kit.js';
import { traceSessionId } from './derive-otlp-ids.js';

const MODEL = 'claude-sonnet-4-5-20250929';
const ANSWER = 'Section 4.2 caps liability; 7.1 conflicts with it.';
const REQUEST = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Do sections 4.2 and 7.1 conflict?' }],
};

/** The API's usage: input_tokens EXCLUDES the 600 cache reads and 200 cache writes. */
const USAGE = { input_tokens: 200, cache_read_input_tokens: 600, cache_creation_input_tokens: 200 };

const MESSAGE = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: MODEL,
  content: [{ type: 'text', text: ANSWER }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: {
    ...USAGE,
    cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 0 },
    output_tokens: 100,
    service_tier: 'standard',
  },
};

/** The same Message as the API streams it: output_tokens is a placeholder until message_delta. */
const MESSAGE_EVENTS = [
  {
    type: 'message_start',
    message: { ...MESSAGE, content: [], stop_reason: null, usage: { ...USAGE, output_tokens: 1 } },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ANSWER.slice(0, 20) } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ANSWER.slice(20) } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 100 } },
  { type: 'message_stop' },
]
  .map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
  .join('');

/** Claude Sonnet 4.5 below 200K input: $3/M input, $0.30/M cache read, $3.75/M 5-minute cache write, $15/M output. */
const MESSAGE_COST = (200 * 3 + 600 * 0.3 + 200 * 3.75 + 100 * 15) / 1e6;

/** What every successful call above must be stored as (Observatory's promptTokens: all input, cache included). */
const STORED_MESSAGE = {
  provider: 'anthropic',
  modelName: MODEL,
  promptTokens: 1000,
  cachedPromptTokens: 600,
  cacheWriteTokens: 200,
  completionTokens: 100,
  totalTokens: 1100,
  costSource: 'price_table',
  usageSource: 'reported',
  operationName: 'chat',
  finishReason: 'end_turn',
  error: null,
  prompt: expect.stringContaining('Do sections 4.2 and 7.1 conflict?'),
  responseText: expect.stringContaining(ANSWER),
};

describe.each(testDatabases())(
  'the Anthropic SDK’s own tracing → real protobuf exporter → /v1/traces on %s',
  (database) => {
    let t: TestObservatory;
    let server: TestServer | undefined;
    let diagnostics: ReturnType<typeof watchDiagnostics> | undefined;
    // The SDK starts its span under the active one, which needs a context manager, as in an app.
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => {
      context.setGlobalContextManager(contextManager.enable());
    });
    afterAll(() => {
      context.disable();
    });
    afterEach(async () => {
      diagnostics?.stop();
      diagnostics = undefined;
      await server?.close();
      server = undefined;
      await t?.cleanup();
    });

    /**
     * A real SDK client whose requests `reply` answers, traced by a BasicTracerProvider that
     * exports every span through the real protobuf exporter to the dashboard on loopback (and
     * keeps a copy in memory, for the test to read trace ids).
     */
    async function tracedAnthropic(reply: FakeReply) {
      t = await createTestObservatory({ database, strict: false });
      server = await startServer(t.obs);
      diagnostics = watchDiagnostics();
      const project = `anthropic-${randomBytes(3).toString('hex')}`;
      const { provider, memory } = exportingTracerProvider(project, server.url);
      const client = new Anthropic({
        apiKey: 'test-not-a-real-key',
        fetch: createFakeFetch(reply).fetch,
        maxRetries: 0,
        openTelemetry: { tracerProvider: provider, traces: { contentMode: 'content' } },
      });
      /** Wait until every span is exported (a 200 from /v1/traces means stored); then read the project's calls. */
      const storedCalls = async (): Promise<LLMCall[]> => {
        await provider.forceFlush();
        expect(diagnostics).toMatchObject({ warnings: [], errors: [] });
        return t.obs.storage.getLlmCalls({ projectName: project, order: 'asc', limit: 100 });
      };
      return { client, provider, memory, project, storedCalls };
    }

    it('stores messages.create with the total input, cache parts, exact cost and one session per trace', async () => {
      const { client, provider, memory, project, storedCalls } = await tracedAnthropic({
        json: MESSAGE,
        headers: { 'request-id': 'req_011CSHmsg1' },
      });
      // Two calls under one request span of the app (one trace), one on its own (another trace).
      await provider.getTracer('app').startActiveSpan('POST /review', async (root) => {
        await client.messages.create(REQUEST);
        await client.messages.create(REQUEST);
        root.end();
      });
      await client.messages.create(REQUEST);

      const stored = await storedCalls();
      const sdkSpans = memory.getFinishedSpans().filter((s) => s.name === 'anthropic.messages.create');
      expect(sdkSpans).toHaveLength(3);
      // What the SDK writes: input_tokens summed with the cache parts, the cache parts on their own.
      expect(sdkSpans[0].attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.cache_write.input_tokens': 200,
        'gen_ai.usage.output_tokens': 100,
      });
      expect(stored).toHaveLength(3);
      for (const call of stored) {
        expect(call).toMatchObject({ ...STORED_MESSAGE, projectName: project });
        expect(call.totalCost).toBeCloseTo(MESSAGE_COST, 12);
        expect(call.latencyMs).toBeGreaterThan(0);
      }

      const traceIds = sdkSpans.map((s) => s.spanContext().traceId);
      expect(traceIds[0]).toBe(traceIds[1]);
      expect(traceIds[2]).not.toBe(traceIds[0]);
      expect(stored.map((c) => c.sessionId).sort()).toEqual(traceIds.map(traceSessionId).sort());
      const shared = await t.obs.storage.getSession(traceSessionId(traceIds[0]));
      expect(shared).toMatchObject({ projectName: project, totalLlmCalls: 2, totalTokens: 2200 });
      expect(shared?.totalCost).toBeCloseTo(2 * MESSAGE_COST, 12);
      expect(await t.obs.storage.getSession(traceSessionId(traceIds[2]))).toMatchObject({ totalLlmCalls: 1 });
    });

    it.each([
      {
        method: 'messages.create({ stream: true })',
        run: async (client: Anthropic) => {
          for await (const _event of await client.messages.create({ ...REQUEST, stream: true })) {
            // Reading the stream to its end is what ends the SDK's span.
          }
        },
        // The SDK records streamed response content only through its stream helpers.
        responseText: null,
      },
      {
        method: 'messages.stream().finalMessage()',
        run: async (client: Anthropic) => {
          await client.messages.stream(REQUEST).finalMessage();
        },
        responseText: expect.stringContaining(ANSWER),
      },
    ])(
      'stores a streamed call made with $method, usage from message_start and message_delta',
      async ({ run, responseText }) => {
        const { client, storedCalls } = await tracedAnthropic({ sse: MESSAGE_EVENTS });
        await run(client);
        const stored = await storedCalls();
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ ...STORED_MESSAGE, responseText });
        expect(stored[0].totalCost).toBeCloseTo(MESSAGE_COST, 12);
        // The SDK times the first content delta from the span's start with Date.now() (whole
        // milliseconds); the span's duration is in nanoseconds: within the call, to 1 ms.
        expect(stored[0].ttftMs).toBeGreaterThanOrEqual(0);
        expect(stored[0].ttftMs).toBeLessThan(stored[0].latencyMs + 1);
      },
    );

    it('stores a call the API refused (529 overloaded) with its error type and no usage', async () => {
      const { client, storedCalls } = await tracedAnthropic({
        status: 529,
        json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_011CSHo' },
      });
      await expect(client.messages.create(REQUEST)).rejects.toMatchObject({ status: 529 });
      const stored = await storedCalls();
      expect(stored).toEqual([
        expect.objectContaining({
          provider: 'anthropic',
          modelName: 'claude-sonnet-4-5',
          error: 'overloaded_error',
          usageSource: 'missing',
          totalCost: 0,
        }),
      ]);
      expect(stored[0].latencyMs).toBeGreaterThan(0);
    });
  },
);
