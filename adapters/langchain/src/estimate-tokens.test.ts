import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.js';

describe('estimateTokens', () => {
  it('counts o200k_base tokens', () => {
    expect(estimateTokens('Hello, world!')).toBe(4);
    expect(estimateTokens('The capital of France is Paris.')).toBe(7);
  });

  it('counts special-token text as plain text instead of throwing', () => {
    expect(estimateTokens('<|endoftext|>')).toBe(7);
  });

  it('gives 0 for empty text', () => {
    expect(estimateTokens('')).toBe(0);
  });
});
