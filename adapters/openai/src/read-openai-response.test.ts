import { describe, expect, it } from 'vitest';
import { readOpenAIResponse } from './read-openai-response.js';

describe('readOpenAIResponse', () => {
  it('reads tool calls as the text of a chat completion without content', () => {
    const reading = readOpenAIResponse({
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [
        {
          finish_reason: 'tool_calls',
          message: {
            content: null,
            tool_calls: [{ type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } }],
          },
        },
      ],
    });
    expect(reading).toMatchObject({ responseText: '[tool_call search({"q":"x"})]', finishReason: 'tool_calls' });
  });

  it('reads a legacy completion', () => {
    expect(
      readOpenAIResponse({
        object: 'text_completion',
        model: 'gpt-3.5-turbo-instruct',
        choices: [{ text: 'there was', finish_reason: 'length' }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      }),
    ).toMatchObject({ responseText: 'there was', finishReason: 'length', metadata: { api: 'completions' } });
  });

  it('reads a failed Response as the call error', () => {
    expect(
      readOpenAIResponse({
        type: 'response.failed',
        response: {
          object: 'response',
          model: 'gpt-4o',
          status: 'failed',
          error: { code: 'server_error', message: 'The model crashed.' },
          output: [],
        },
      }),
    ).toMatchObject({ finishReason: 'failed', error: 'server_error: The model crashed.' });
  });

  it('reads an incomplete Response with its reason in metadata', () => {
    expect(
      readOpenAIResponse({
        object: 'response',
        model: 'gpt-4o',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        output: [{ type: 'message', content: [{ type: 'output_text', text: 'Half an ans' }] }],
      }),
    ).toMatchObject({
      finishReason: 'incomplete',
      responseText: 'Half an ans',
      metadata: { api: 'responses', incompleteReason: 'max_output_tokens' },
    });
  });

  it('skips refusals and reasoning items when concatenating Response output text', () => {
    expect(
      readOpenAIResponse({
        object: 'response',
        model: 'o3',
        output: [
          { type: 'reasoning', content: null },
          {
            type: 'message',
            content: [
              { type: 'output_text', text: 'A' },
              { type: 'refusal', text: null },
              { type: 'output_text', text: 'B' },
            ],
          },
        ],
      })?.responseText,
    ).toBe('AB');
  });
});
