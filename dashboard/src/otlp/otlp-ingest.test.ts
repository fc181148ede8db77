import { randomBytes } from 'node:crypto';
import type { LLMCall } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { type Context, context, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { generateText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createExporter,
  type ExporterKind,
  exportSpans,
  recordSpans,
  startServer,
  type TestServer,
} from '../test-support/otlp-test-kit.js';
import { traceSessionId } from './derive-otlp-ids.js';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

/** An Anthropic SDK span (its own tracing): input_tokens already sums the cache parts. */
function anthropicSpan(tracer: Tracer, parent: Context) {
  const span = tracer.startSpan(
    'chat claude-sonnet-4-20250514',
    {
      startTime: T0,
      attributes: {
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'claude-sonnet-4-20250514',
        'gen_ai.response.model': 'claude-sonnet-4-20250514',
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.cache_write.input_tokens': 200,
        'gen_ai.usage.output_tokens': 100,
        'gen_ai.response.finish_reasons': ['end_turn'],
        'gen_ai.agent.name': 'Planner',
        'gen_ai.conversation.id': 'conv-7',
      },
    },
    parent,
  );
  span.end(T0 + 1250);
}

function openAiErrorSpan(tracer: Tracer, parent: Context) {
  const span = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      startTime: T0 + 2000,
      attributes: {
        'gen_ai.provider.name': 'openai',
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'error.type': 'rate_limit_exceeded',
      },
    },
    parent,
  );
  span.setStatus({ code: SpanStatusCode.ERROR, message: '429 Too Many Requests' });
  span.end(T0 + 2300);
}

/** Claude Sonnet 4: $3/M input, $0.30/M cache read, $3.75/M cache write, $15/M output. */
const ANTHROPIC_SPAN_COST = (200 * 3 + 600 * 0.3 + 200 * 3.75 + 100 * 15) / 1e6;

describe.each(testDatabases())('POST /v1/traces on %s', (database) => {
  let t: TestObservatory;
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await t?.cleanup();
  });

  async function calls(projectName: string): Promise<LLMCall[]> {
    return t.obs.storage.getLlmCalls({ projectName, order: 'asc', limit: 100 });
  }

  it.each<ExporterKind>(['json', 'protobuf', 'protobuf+gzip'])(
    'stores GenAI spans sent by the real %s exporter with exact tokens, cost, time and session',
    async (kind) => {
      t = await createTestObservatory({ database, strict: false });
      server = await startServer(t.obs);
      const project = `otel-${randomBytes(3).toString('hex')}`;
      const spans = await recordSpans(project, (tracer) => {
        // Children of one HTTP span: one trace, one session; the HTTP span itself is not a call.
        const root = tracer.startSpan('POST /plan', { startTime: T0 - 10 });
        const parent = trace.setSpan(context.active(), root);
        anthropicSpan(tracer, parent);
        openAiErrorSpan(tracer, parent);
        root.end(T0 + 3000);
      });
      const result = await exportSpans(createExporter(kind, server.url), spans);
      expect(result).toMatchObject({ code: 0, warnings: [] });

      const stored = await calls(project);
      expect(stored.map((c) => ({ ...c, totalCost: Number(c.totalCost.toFixed(9)) }))).toEqual([
        expect.objectContaining({
          provider: 'anthropic',
          modelName: 'claude-sonnet-4-20250514',
          promptTokens: 1000,
          cachedPromptTokens: 600,
          cacheWriteTokens: 200,
          completionTokens: 100,
          totalTokens: 1100,
          totalCost: Number(ANTHROPIC_SPAN_COST.toFixed(9)),
          costSource: 'price_table',
          usageSource: 'reported',
          latencyMs: 1250,
          timestamp: new Date(T0),
          agentName: 'Planner',
          operationName: 'chat',
          finishReason: 'end_turn',
          error: null,
          projectName: project,
        }),
        expect.objectContaining({
          provider: 'openai',
          modelName: 'gpt-4o-mini',
          latencyMs: 300,
          error: '429 Too Many Requests',
          usageSource: 'missing',
        }),
      ]);
      const anthropic = spans.find((s) => s.name.startsWith('chat claude'));
      expect(stored[0].metadata).toEqual({
        otel: expect.objectContaining({ traceId: anthropic?.spanContext().traceId, conversationId: 'conv-7' }),
      });
      const session = await t.obs.storage.getSession(stored[0].sessionId);
      expect(session).toMatchObject({ projectName: project, startTime: new Date(T0), totalLlmCalls: 2 });
      expect(stored[1].sessionId).toBe(stored[0].sessionId);
      expect(stored[0].sessionId).toBe(traceSessionId(anthropic?.spanContext().traceId ?? ''));
    },
  );
  it('stores a span exported twice (an exporter retry) once', async () => {
    t = await createTestObservatory({ database, strict: false });
    server = await startServer(t.obs);
    const project = `otel-${randomBytes(3).toString('hex')}`;
    const spans = await recordSpans(project, (tracer) => anthropicSpan(tracer, context.active()));
    const exporter = createExporter('protobuf', server.url);
    expect((await exportSpans(exporter, spans)).code).toBe(0);
    expect((await exportSpans(exporter, [...spans, ...spans])).code).toBe(0);
    expect((await exportSpans(createExporter('json', server.url), spans)).code).toBe(0);
    const stored = await calls(project);
    expect(stored.map((c) => c.promptTokens)).toEqual([1000]);
    expect(await t.obs.storage.getSession(stored[0].sessionId)).toMatchObject({ totalLlmCalls: 1, totalTokens: 1100 });
  });

  it('files a span under the session and parent call its observatory.* attributes name, refusing a non-string one', async () => {
    t = await createTestObservatory({ database, strict: false });
    server = await startServer(t.obs);
    const project = `otel-${randomBytes(3).toString('hex')}`;
    const spans = await recordSpans(project, (tracer) => {
      const span = (name: string, attributes: Record<string, string | number>) =>
        tracer
          .startSpan(name, {
            attributes: { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', ...attributes },
          })
          .end();
      span('picked up', { 'observatory.session_id': 'order-42', 'observatory.parent_call_id': 'call-1' });
      span('numeric session', { 'observatory.session_id': 42 });
    });
    const result = await exportSpans(createExporter('json', server.url), spans);
    const partial = JSON.parse(result.warnings[0]?.slice(result.warnings[0].indexOf('{')) ?? '{}');
    expect(partial.errorMessage).toContain('"numeric session": observatory.session_id = 42 must be a non-blank string');
    expect(await calls(project)).toEqual([expect.objectContaining({ sessionId: 'order-42', parentId: 'call-1' })]);
  });

  it.each<ExporterKind>(['json', 'protobuf'])(
    'answers partialSuccess naming the bad attribute and value (%s); the good spans are stored',
    async (kind) => {
      t = await createTestObservatory({ database, strict: false });
      server = await startServer(t.obs);
      const project = `otel-${randomBytes(3).toString('hex')}`;
      const spans = await recordSpans(project, (tracer) => {
        const bad = (name: string, attributes: Record<string, number>) =>
          tracer
            .startSpan(name, {
              attributes: { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', ...attributes },
            })
            .end();
        bad('negative', { 'gen_ai.usage.input_tokens': -5, 'gen_ai.usage.output_tokens': 3 });
        anthropicSpan(tracer, context.active());
        bad('cache over input', { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.cache_read.input_tokens': 150 });
      });
      const result = await exportSpans(createExporter(kind, server.url), spans);
      expect(result.code).toBe(0);
      expect(result.warnings).toHaveLength(1);
      const partial = JSON.parse(result.warnings[0].slice(result.warnings[0].indexOf('{')));
      expect(partial).toEqual({
        rejectedSpans: kind === 'json' ? '2' : 2,
        errorMessage: expect.stringMatching(
          /"negative": gen_ai\.usage\.input_tokens = -5 must be a non-negative.*"cache over input": gen_ai\.usage\.cache_read\.input_tokens = 150 cache tokens \(150 in all\) exceed gen_ai\.usage\.input_tokens \(100\)/,
        ),
      });
      expect((await calls(project)).map((c) => c.modelName)).toEqual(['claude-sonnet-4-20250514']);
    },
  );

  it('turns an AI SDK generateText run into one call per model request, not one more for the wrapper span', async () => {
    t = await createTestObservatory({ database, strict: false });
    server = await startServer(t.obs);
    const project = `otel-${randomBytes(3).toString('hex')}`;
    const model = new MockLanguageModelV3({
      provider: 'openai.chat',
      modelId: 'gpt-4o-mini',
      doGenerate: async () => ({
        content: [{ type: 'text', text: 'hello' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 1000, noCache: 800, cacheRead: 200, cacheWrite: undefined },
          outputTokens: { total: 50, text: 40, reasoning: 10 },
        },
        response: { id: 'r1', modelId: 'gpt-4o-mini-2024-07-18', timestamp: new Date(T0) },
        warnings: [],
      }),
    });
    const spans = await recordSpans(project, async (tracer) => {
      for (const prompt of ['first', 'second']) {
        await generateText({
          model,
          prompt,
          experimental_telemetry: { isEnabled: true, tracer, functionId: 'summarize' },
        });
      }
    });
    // Each run exports an outer ai.generateText span and an inner ai.generateText.doGenerate span.
    expect(spans.map((s) => s.name).sort()).toEqual([
      'ai.generateText',
      'ai.generateText',
      'ai.generateText.doGenerate',
      'ai.generateText.doGenerate',
    ]);
    expect((await exportSpans(createExporter('protobuf', server.url), spans)).code).toBe(0);
    const stored = await calls(project);
    expect(stored).toHaveLength(2);
    for (const call of stored) {
      expect(call).toMatchObject({
        provider: 'openai',
        modelName: 'gpt-4o-mini-2024-07-18',
        promptTokens: 1000,
        cachedPromptTokens: 200,
        completionTokens: 50,
        reasoningTokens: 10,
        operationName: 'summarize',
        finishReason: 'stop',
        responseText: 'hello',
        costSource: 'price_table',
      });
    }
    // gpt-4o-mini: $0.15/M input, $0.075/M cached input, $0.60/M output.
    expect(stored[0].totalCost).toBeCloseTo((800 * 0.15 + 200 * 0.075 + 50 * 0.6) / 1e6, 12);
  });

  it('refuses an exporter without the Bearer token when the server has one, and takes it with the header', async () => {
    t = await createTestObservatory({ database, strict: false });
    server = await startServer(t.obs, 'otlp-secret');
    const project = `otel-${randomBytes(3).toString('hex')}`;
    const spans = await recordSpans(project, (tracer) => anthropicSpan(tracer, context.active()));
    const refused = await exportSpans(createExporter('json', server.url), spans);
    expect(refused.code).toBe(1);
    expect(refused.error).toMatchObject({ name: 'OTLPExporterError', code: 401 });
    expect(await calls(project)).toEqual([]);
    const accepted = await exportSpans(
      createExporter('protobuf', server.url, { authorization: 'Bearer otlp-secret' }),
      spans,
    );
    expect(accepted.code).toBe(0);
    expect(await calls(project)).toHaveLength(1);
  });

  it('answers 415 to other content types and 400 naming the body when it cannot be decoded', async () => {
    t = await createTestObservatory({ database, strict: false });
    server = await startServer(t.obs);
    const post = (type: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
      fetch(`${server?.url}/v1/traces`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
    const text = await post('text/plain', 'hi');
    expect([text.status, await text.json()]).toEqual([
      415,
      expect.objectContaining({ parameter: 'Content-Type', value: 'text/plain' }),
    ]);
    for (const [type, body, headers] of [
      ['application/json', '{"resourceSpans": ', {}],
      ['application/json', '{"resourceSpans": 3}', {}],
      ['application/x-protobuf', new Uint8Array([0x0a, 0xff, 0xff, 0xff]), {}],
      ['application/json', '{}', { 'content-encoding': 'gzip' }],
    ] as const) {
      const res = await post(type, body, headers);
      expect([res.status, await res.json()]).toEqual([400, expect.objectContaining({ parameter: expect.any(String) })]);
    }
    const empty = await post('application/json', '{}');
    expect([empty.status, await empty.json()]).toEqual([200, {}]);
  });
});
