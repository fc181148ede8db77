import { describe, expect, it } from 'vitest';
import { readAnthropicMessage } from './read-anthropic-message.js';

describe('readAnthropicMessage', () => {
  it('reads text blocks joined as finalText() does, skipping thinking', () => {
    expect(
      readAnthropicMessage({
        type: 'message',
        model: 'claude-sonnet-4-5',
        content: [
          { type: 'thinking', thinking: 'hmm' } as never,
          { type: 'text', text: 'First.' },
          { type: 'text', text: 'Second.' },
        ],
        stop_reason: 'max_tokens',
        usage: { input_tokens: 1, output_tokens: 2 },
      }),
    ).toMatchObject({ responseText: 'First. Second.', finishReason: 'max_tokens' });
  });

  it('reads a message-shaped object without a type tag', () => {
    expect(
      readAnthropicMessage({ model: 'claude-x', content: [], usage: { input_tokens: 5, output_tokens: 0 } }),
    ).toMatchObject({ modelName: 'claude-x', promptTokens: 5, responseText: undefined });
  });

  it('does not read a stream event', () => {
    expect(readAnthropicMessage({ type: 'message_delta', usage: { output_tokens: 3 } })).toBeUndefined();
  });
});
