import { randomBytes } from 'node:crypto';
import type { LLMCall } from '@observatory/core';
import {
  createFakeFetch,
  createTestObservatory,
  type FakeReply,
  type TestObservatory,
  testDatabases,
} from '@observatory/core/test';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  exportingTracerProvider,
  startServer,
  type TestServer,
  watchDiagnostics,
} from '../test-support/otlp-test-kit.js';
import { traceSessionId } from './derive-otlp-ids.js';

const REQUEST = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Does this diff rename fetchUser everywhere?' }],
};
const ANSWER = 'Two call sites in billing.ts still use the old name.';

const COMPLETION = {
  id: 'chatcmpl-BnK2vQxR7mZ4hT8pYc1LwE9sUaFdG',
  object: 'chat.completion',
  created: 1751274573,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: ANSWER, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 1000,
    completion_tokens: 50,
    total_tokens: 1050,
    prompt_tokens_details: { cached_tokens: 200, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_a288987b44',
};

/**
 * gpt-4o-mini: $0.15/M input, $0.60/M output. OpenLLMetry 0.27.0 does not record
 * prompt_tokens_details.cached_tokens, so all 1000 input tokens are priced as uncached.
 */
const COMPLETION_COST = (1000 * 0.15 + 50 * 0.6) / 1e6;

// OpenLLMetry patches the client's prototypes once, as `traceloop.initialize({ instrumentModules })` does.
const instrumentation = new OpenAIInstrumentation();

describe.each(testDatabases())(
  'OpenLLMetry’s OpenAI instrumentation → real protobuf exporter → /v1/traces on %s',
  (database) => {
    let t: TestObservatory;
    let server: TestServer | undefined;
    let diagnostics: ReturnType<typeof watchDiagnostics> | undefined;
    beforeAll(() => {
      instrumentation.manuallyInstrument(OpenAI);
    });
    afterEach(async () => {
      diagnostics?.stop();
      diagnostics = undefined;
      await server?.close();
      server = undefined;
      await t?.cleanup();
    });

    /**
     * A real `openai` client whose requests `reply` answers; the instrumentation's spans go
     * through the real protobuf exporter to the dashboard on loopback (and to memory, for ids).
     */
    async function instrumentedOpenAI(reply: FakeReply) {
      t = await createTestObservatory({ database, strict: false });
      server = await startServer(t.obs);
      diagnostics = watchDiagnostics();
      const project = `openllmetry-${randomBytes(3).toString('hex')}`;
      const { provider, memory } = exportingTracerProvider(project, server.url);
      instrumentation.setTracerProvider(provider);
      const client = new OpenAI({
        apiKey: 'sk-test-not-a-real-key',
        fetch: createFakeFetch(reply).fetch,
        maxRetries: 0,
      });
      const storedCalls = async (): Promise<LLMCall[]> => {
        await provider.forceFlush();
        expect(diagnostics).toMatchObject({ warnings: [], errors: [] });
        return t.obs.storage.getLlmCalls({ projectName: project, order: 'asc', limit: 100 });
      };
      return { client, memory, project, storedCalls };
    }

    it('stores chat.completions.create with exact tokens, price-table cost and its trace as the session', async () => {
      const { client, memory, project, storedCalls } = await instrumentedOpenAI({ json: COMPLETION });
      await client.chat.completions.create(REQUEST);
      const stored = await storedCalls();
      const [span] = memory.getFinishedSpans();
      expect(span.instrumentationScope.name).toBe('@traceloop/instrumentation-openai');
      expect(stored).toEqual([
        expect.objectContaining({
          provider: 'openai',
          modelName: 'gpt-4o-mini-2024-07-18',
          promptTokens: 1000,
          completionTokens: 50,
          totalTokens: 1050,
          usageSource: 'reported',
          costSource: 'price_table',
          operationName: 'chat',
          finishReason: 'stop',
          error: null,
          projectName: project,
          sessionId: traceSessionId(span.spanContext().traceId),
          prompt: expect.stringContaining('Does this diff rename fetchUser everywhere?'),
          responseText: expect.stringContaining(ANSWER),
        }),
      ]);
      expect(stored[0].cachedPromptTokens ?? 0).toBe(0);
      expect(stored[0].totalCost).toBeCloseTo(COMPLETION_COST, 12);
      expect(stored[0].latencyMs).toBeGreaterThan(0);
    });

    it('cannot store a failed call: OpenLLMetry 0.27.0 never ends the span of a refused chat.completions.create', async () => {
      const { client, memory, storedCalls } = await instrumentedOpenAI({
        status: 429,
        json: { error: { message: 'Rate limit reached for gpt-4o-mini', type: 'tokens', code: 'rate_limit_exceeded' } },
      });
      await expect(client.chat.completions.create(REQUEST)).rejects.toMatchObject({ status: 429 });
      // Its wrapper ends the span only when the request succeeds (_thenUnwrap), so no span is
      // exported and the dashboard has nothing to record. This pins the gap (dashboard/README.md).
      expect(memory.getFinishedSpans()).toEqual([]);
      expect(await storedCalls()).toEqual([]);
    });
  },
);
