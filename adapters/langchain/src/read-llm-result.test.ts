import { describe, expect, it } from 'vitest';
import anthropicResult from './__fixtures__/chat-anthropic-result.json' with { type: 'json' };
import openaiResult from './__fixtures__/chat-openai-result.json' with { type: 'json' };
import toolCallResult from './__fixtures__/chat-openai-tool-call-result.json' with { type: 'json' };
import { readLlmResult } from './read-llm-result.js';

describe('readLlmResult', () => {
  it('reads text, usage, response metadata and finish reason of a ChatOpenAI result', () => {
    const summary = readLlmResult(openaiResult);
    expect(summary.responseText).toBe('The capital of France is Paris.');
    expect(summary.usageMetadata?.input_tokens).toBe(1250);
    expect(summary.responseMetadata?.model_name).toBe('gpt-4o-2024-08-06');
    expect(summary.finishReason).toBe('stop');
    expect(summary.toolCallsJson).toBe('');
  });

  it("reads Anthropic's stop_reason as the finish reason", () => {
    expect(readLlmResult(anthropicResult).finishReason).toBe('end_turn');
  });

  it('keeps tool calls of a text-less answer, so an estimate can count them', () => {
    const summary = readLlmResult(toolCallResult);
    expect(summary.responseText).toBe('');
    expect(JSON.parse(summary.toolCallsJson)).toEqual([
      { name: 'get_weather', args: { city: 'Paris' }, id: 'call_Jx8kz3R2', type: 'tool_call' },
    ]);
    expect(summary.finishReason).toBe('tool_calls');
  });

  it('takes usage from the first completion only, never summing one request over several', () => {
    const message = openaiResult.generations[0][0].message;
    const summary = readLlmResult({
      generations: [
        [
          { text: 'a', message },
          { text: 'b', message },
        ],
      ],
    });
    expect(summary.responseText).toBe('a\nb');
    expect(summary.usageMetadata).toBe(message.usage_metadata);
  });

  it('survives an empty or missing result', () => {
    expect(readLlmResult({ generations: [] })).toMatchObject({ responseText: '', usageMetadata: undefined });
    expect(readLlmResult(undefined)).toMatchObject({ responseText: '', finishReason: undefined });
  });
});
