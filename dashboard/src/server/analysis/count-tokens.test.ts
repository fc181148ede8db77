import { describe, expect, it } from 'vitest';
import { countTokens, encodingForModel } from './count-tokens.js';

describe('countTokens', () => {
  it('counts with the model’s encoding', () => {
    // "hello world" is two tokens in both encodings; the o200k count of this sentence is known.
    expect(countTokens('hello world', 'gpt-4o')).toEqual({ tokens: 2, encoding: 'o200k_base', approximate: false });
    expect(countTokens('hello world', 'gpt-4')).toEqual({ tokens: 2, encoding: 'cl100k_base', approximate: false });
    expect(countTokens('', 'gpt-4o').tokens).toBe(0);
  });

  it('grows with the text and treats special-token text as plain text', () => {
    const short = countTokens('Summarize the ticket.', 'gpt-4o').tokens;
    const long = countTokens('Summarize the ticket in three sentences and cite the help article.', 'gpt-4o').tokens;
    expect(long).toBeGreaterThan(short);
    expect(countTokens('<|endoftext|>', 'gpt-4o').tokens).toBeGreaterThan(1);
  });

  it('marks models without a public tokenizer as approximate', () => {
    expect(encodingForModel('claude-sonnet-4-5')).toEqual({ encoding: 'cl100k_base', approximate: true });
    expect(encodingForModel('o4-mini').encoding).toBe('o200k_base');
  });
});
