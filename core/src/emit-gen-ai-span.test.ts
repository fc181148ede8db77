import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestObservatory, makeCall, type TestObservatory } from './test/index.js';

describe('OpenTelemetry GenAI export', () => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('emits each recorded call as a GenAI client span with usage attributes', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    t = await createTestObservatory({ openTelemetry: { tracer: provider.getTracer('observatory-test') } });
    const ended = new Date('2026-02-01T10:00:01.500Z');
    const call = t.obs.recordCall(
      makeCall({
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        promptTokens: 5000,
        cachedPromptTokens: 3000,
        cacheWriteTokens: 1000,
        completionTokens: 400,
        reasoningTokens: 120,
        latencyMs: 1500,
        ttftMs: 300,
        finishReason: 'end_turn',
        agentName: 'Fixer',
        timestamp: ended,
      }),
    );
    t.obs.recordCall(makeCall({ modelName: 'gpt-4o', error: 'RateLimitError: 429 slow down' }));

    const [span, failed] = exporter.getFinishedSpans();
    expect(span.name).toBe('chat claude-sonnet-4-5');
    expect(span.kind).toBe(2); // CLIENT
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4-5',
      'gen_ai.response.model': 'claude-sonnet-4-5',
      'gen_ai.usage.input_tokens': 5000,
      'gen_ai.usage.output_tokens': 400,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.cache_creation.input_tokens': 1000,
      'gen_ai.usage.reasoning.output_tokens': 120,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.response.time_to_first_chunk': 0.3,
      'gen_ai.agent.name': 'Fixer',
      'gen_ai.conversation.id': call?.sessionId,
    });
    const toMs = ([s, ns]: [number, number]) => s * 1000 + ns / 1e6;
    expect([toMs(span.startTime), toMs(span.endTime)]).toEqual([ended.getTime() - 1500, ended.getTime()]);
    expect(failed.attributes['error.type']).toBe('RateLimitError');
    expect(failed.status).toMatchObject({ code: 2 });
  });

  it('never lets a failing tracer reach the caller', async () => {
    const broken = {
      startSpan: () => {
        throw new Error('exporter down');
      },
    } as never;
    t = await createTestObservatory({ strict: false, openTelemetry: { tracer: broken } });
    expect(t.obs.recordCall(makeCall())).toBeDefined();
    await t.obs.flush();
    expect(await t.obs.storage.countLlmCalls({ projectName: t.obs.projectName })).toBe(1);
    expect(t.errors.map((e) => (e as Error).message)).toEqual(['OpenTelemetry export failed']);
  });
});
