import { describe, expect, it } from 'vitest';
import { serializeOpenAIPrompt } from './serialize-openai-prompt.js';

describe('serializeOpenAIPrompt', () => {
  it('renders chat messages one per line, with parts and tool calls', () => {
    const prompt = serializeOpenAIPrompt(
      {
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            ],
          },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ type: 'function', function: { name: 'lookup', arguments: '{"id":7}' } }],
          },
          { role: 'tool', content: '{"found":true}' },
        ],
      },
      'chat',
    );
    expect(prompt).toBe(
      [
        'system: Be brief.',
        'user: What is in [image]',
        'assistant: [tool_call lookup({"id":7})]',
        'tool: {"found":true}',
      ].join('\n'),
    );
  });

  it('renders Responses API instructions and input items', () => {
    const prompt = serializeOpenAIPrompt(
      {
        instructions: 'Answer in French.',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Weather?' },
              { type: 'input_file', file_id: 'f1' },
            ],
          },
          { type: 'function_call', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', output: 'sunny' },
        ],
      },
      'chat',
    );
    expect(prompt).toBe(
      [
        'system: Answer in French.',
        'user: Weather? [file]',
        'assistant: [tool_call weather({"city":"Paris"})]',
        'tool: sunny',
      ].join('\n'),
    );
  });

  it('renders a plain Responses API input string as the user turn', () => {
    expect(serializeOpenAIPrompt({ input: 'Hi' }, 'chat')).toBe('user: Hi');
  });

  it('renders embeddings input as its texts, and token ids by count', () => {
    expect(serializeOpenAIPrompt({ input: ['a', 'b'] }, 'embeddings')).toBe('a\nb');
    expect(serializeOpenAIPrompt({ input: 'one' }, 'embeddings')).toBe('one');
    expect(serializeOpenAIPrompt({ input: [1, 2, 3] }, 'embeddings')).toBe('[3 token ids]');
  });

  it('renders a legacy completions prompt', () => {
    expect(serializeOpenAIPrompt({ prompt: 'Once upon' }, 'chat')).toBe('Once upon');
  });

  it('gives undefined when the request has no input', () => {
    expect(serializeOpenAIPrompt({ model: 'gpt-4o' }, 'chat')).toBeUndefined();
  });
});
