import { describe, expect, it } from 'vitest';
import { buildCallInput } from './build-call-input.js';
import type { AiSdkFinishEvent } from './types.js';

const timing = { startedAt: Date.parse('2026-11-20T10:00:00Z'), latencyMs: 812, ttftMs: 140 };
const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

describe('buildCallInput', () => {
  it.each([
    [
      'v6/v7 model.provider up to the first dot',
      { model: { provider: 'openai.responses', modelId: 'gpt-4o' } },
      {},
      'openai',
      'gpt-4o',
    ],
    [
      'the model option (v5)',
      {},
      { model: { provider: 'anthropic.messages', modelId: 'claude-sonnet-4-5' } },
      'anthropic',
      'claude-sonnet-4-5',
    ],
    [
      'a gateway model routes to its provider',
      { model: { provider: 'gateway', modelId: 'anthropic/claude-sonnet-4-5' } },
      {},
      'anthropic',
      'claude-sonnet-4-5',
    ],
    ['a gateway id given as a string', {}, { model: 'openai/gpt-4o' }, 'openai', 'gpt-4o'],
    [
      'providerMetadata when nothing else names it',
      { providerMetadata: { anthropic: {} } },
      {},
      'anthropic',
      'unknown',
    ],
    ['nothing at all', {}, {}, 'unknown', 'unknown'],
  ] as const)('provider and model from %s', (_name, event, options, provider, modelName) => {
    expect(buildCallInput({ usage, ...event }, options, timing)).toMatchObject({ provider, modelName });
  });

  it('the model that answered wins over the one requested', () => {
    const event = {
      usage,
      model: { provider: 'openai.chat', modelId: 'gpt-4o' },
      response: { modelId: 'gpt-4o-2024-08-06' },
    };
    expect(buildCallInput(event, {}, timing)).toMatchObject({ provider: 'openai', modelName: 'gpt-4o-2024-08-06' });
  });

  it('carries timing, labels and texts; the timestamp is the start', () => {
    const input = buildCallInput(
      { usage, text: 'Paris.', finishReason: 'stop' },
      {
        agentName: 'Geo',
        operationName: 'capital',
        sessionId: 's-1',
        metadata: { k: 1 },
        prompt: 'Capital of France?',
      },
      timing,
    );
    expect(input).toMatchObject({
      latencyMs: 812,
      ttftMs: 140,
      timestamp: new Date('2026-11-20T10:00:00Z'),
      agentName: 'Geo',
      operationName: 'capital',
      sessionId: 's-1',
      metadata: { k: 1 },
      prompt: 'Capital of France?',
      responseText: 'Paris.',
      finishReason: 'stop',
      error: undefined,
    });
  });

  it('capturePrompt / captureResponse false leave the texts out', () => {
    const input = buildCallInput(
      { usage, text: 'Paris.' },
      { prompt: 'Capital of France?', capturePrompt: false, captureResponse: false },
      timing,
    );
    expect(input.prompt).toBeUndefined();
    expect(input.responseText).toBeUndefined();
  });

  it('an object result is stored as JSON; one that cannot be serialised is left out', () => {
    expect(buildCallInput({ usage, object: { fixes: 3 } }, {}, timing).responseText).toBe('{"fixes":3}');
    expect(buildCallInput({ usage, object: { big: 1n } }, {}, timing).responseText).toBeUndefined();
  });

  it('failures: an object that did not match its schema, a stream that ended in error', () => {
    const invalid = new Error('Type validation failed');
    expect(buildCallInput({ usage, error: invalid }, {}, timing).error).toBe(invalid);
    expect(buildCallInput({ usage, finishReason: 'error' }, {}, timing).error).toBe(
      'the model stream ended with finishReason "error"',
    );
  });

  it('steps are summed, named after the last one, and counted in metadata', () => {
    const event: AiSdkFinishEvent = {
      text: 'It is sunny.',
      steps: [
        {
          text: 'Checking.',
          usage: { inputTokens: 100, outputTokens: 10, cachedInputTokens: 0 },
          response: { modelId: 'a' },
        },
        {
          text: 'It is sunny.',
          usage: { inputTokens: 130, outputTokens: 20, cachedInputTokens: 90 },
          response: { modelId: 'b' },
        },
      ],
    };
    expect(buildCallInput(event, { metadata: { user: 'u-1' } }, timing)).toMatchObject({
      modelName: 'b',
      promptTokens: 230,
      completionTokens: 30,
      cachedPromptTokens: 90,
      metadata: { steps: 2, user: 'u-1' },
      responseText: 'Checking.\n\nIt is sunny.',
    });
  });
});
