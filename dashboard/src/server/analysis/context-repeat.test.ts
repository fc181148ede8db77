import { describe, expect, it } from 'vitest';
import { commonPrefixLength, measureContextRepeat, type PromptedCall } from './context-repeat.js';

const call = (id: string, agentName: string, prompt: string, promptTokens = 1000): PromptedCall => ({
  id,
  provider: 'openai',
  modelName: 'gpt-4o',
  agentName,
  prompt,
  promptTokens,
  completionTokens: 10,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
});

describe('measureContextRepeat', () => {
  it('measures the prefix each agent re-sends and prices it at the cache-read rate', () => {
    const history = 'system: you are a researcher. user: find zebras.';
    const steps = measureContextRepeat([
      call('1', 'researcher', history),
      call('2', 'writer', 'write the report'),
      call('3', 'researcher', `${history} tool: 3 herds found.`),
    ]);
    expect(steps.map((step) => step.repeatedChars)).toEqual([0, 0, history.length]);
    const third = steps[2];
    expect(third.repeatedTokens).toBe(Math.round((1000 * history.length) / (history.length + 21)));
    // gpt-4o: $2.50 input, $1.25 cached input per million tokens.
    expect(third.cacheSavings).toBeCloseTo((third.repeatedTokens * (2.5 - 1.25)) / 1e6, 9);
  });

  it('continues from the prompts sent before the page, and has no price for an unknown model', () => {
    const [step] = measureContextRepeat(
      [{ ...call('9', 'a', 'abcdef'), modelName: 'model-nobody-knows' }],
      new Map([['a', 'abcxyz']]),
    );
    expect(step).toMatchObject({ repeatedChars: 3, promptChars: 6, repeatedTokens: 500, cacheSavings: null });
  });

  it('finds common prefixes', () => {
    expect(commonPrefixLength('', 'x')).toBe(0);
    expect(commonPrefixLength('same', 'same')).toBe(4);
  });
});
