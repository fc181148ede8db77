import { describe, expect, it } from 'vitest';
import { serializeAnthropicPrompt } from './serialize-anthropic-prompt.js';

describe('serializeAnthropicPrompt', () => {
  it('renders the system prompt and each message, with placeholders for non-text blocks', () => {
    const prompt = serializeAnthropicPrompt({
      system: [{ type: 'text', text: 'You read invoices.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } } as never,
            { type: 'text', text: 'Total?' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'sum the lines', signature: 'x' } as never,
            { type: 'tool_use', id: 't1', name: 'add', input: { a: 1, b: 2 } } as never,
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '3' } as never] },
      ],
    });
    expect(prompt).toBe(
      [
        'system: You read invoices.',
        'user: [image] Total?',
        'assistant: [tool_use add({"a":1,"b":2})]',
        'user: [tool_result 3]',
      ].join('\n'),
    );
  });

  it('renders string system and content as they are', () => {
    expect(serializeAnthropicPrompt({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] })).toBe(
      'system: Be brief.\nuser: Hi',
    );
  });

  it('gives undefined when the request has no system or messages', () => {
    expect(serializeAnthropicPrompt({ model: 'claude-sonnet-4-5' })).toBeUndefined();
  });
});
