import { describe, expect, it } from 'vitest';
import { type ChatTurn, SimulatedProvider, SimulatedProviderError } from './simulated-provider.js';

const SYSTEM = 'You are a careful assistant. '.repeat(20);
const ask = (provider: SimulatedProvider, model: string, user: string, system = SYSTEM) => {
  const turns: ChatTurn[] = [
    { role: 'system', text: system },
    { role: 'user', text: user },
  ];
  return provider.complete({ model, turns, tools: [] });
};

describe('SimulatedProvider', () => {
  it('counts more input tokens for longer prompts and more output tokens for longer answers', async () => {
    const provider = new SimulatedProvider({ vendor: 'openai', responder: (r) => r.turns[1].text.toUpperCase() });
    const short = await ask(provider, 'gpt-4o-mini', 'Hi.', 'Be brief.');
    const long = await ask(
      provider,
      'gpt-4o-mini',
      'Please summarise this paragraph for me. '.repeat(10),
      'Be brief, really.',
    );
    expect(long.usage.inputTokens).toBeGreaterThan(short.usage.inputTokens + 80);
    expect(long.usage.outputTokens).toBeGreaterThan(short.usage.outputTokens + 80);
    expect(long.responseModel).toBe('gpt-4o-mini-2024-07-18');
  });

  it('OpenAI: a repeated prompt prefix is read from cache in whole blocks, per model', async () => {
    const provider = new SimulatedProvider({ vendor: 'openai', responder: () => 'ok' });
    const first = await ask(provider, 'gpt-4o', 'Question one?');
    const second = await ask(provider, 'gpt-4o', 'Question two, a different one?');
    const otherModel = await ask(provider, 'gpt-4o-mini', 'Question two, a different one?');
    expect(first.usage.cachedInputTokens).toBe(0);
    expect(second.usage.cachedInputTokens).toBeGreaterThan(0);
    expect(second.usage.cachedInputTokens % 64).toBe(0);
    expect(second.usage.cachedInputTokens).toBeLessThan(second.usage.inputTokens);
    expect(second.usage.cacheWriteTokens).toBe(0);
    expect(otherModel.usage.cachedInputTokens).toBe(0);
  });

  it('Anthropic: the system prompt is written to cache once, then read', async () => {
    const provider = new SimulatedProvider({ vendor: 'anthropic', responder: () => 'ok' });
    const first = await ask(provider, 'claude-sonnet-4-6', 'One?');
    const second = await ask(provider, 'claude-sonnet-4-6', 'Two?');
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect([first.usage.cachedInputTokens, second.usage.cacheWriteTokens]).toEqual([0, 0]);
    expect(second.usage.cachedInputTokens).toBe(first.usage.cacheWriteTokens);
    expect(second.usage.inputTokens).toBeGreaterThan(second.usage.cachedInputTokens);
  });

  it('takes longer per output token on slower models', async () => {
    const provider = new SimulatedProvider({ vendor: 'openai', responder: () => 'word '.repeat(400), timeScale: 1 });
    const fast = await ask(provider, 'gpt-4o-mini', 'Go.');
    const slow = await ask(provider, 'claude-sonnet-4-6', 'Go.');
    expect(fast.generationMs).toBeGreaterThan(0);
    expect(slow.generationMs).toBeGreaterThan(fast.generationMs);
    expect(slow.timeToFirstTokenMs).toBeGreaterThan(fast.timeToFirstTokenMs);
  });

  it('passes on provider errors and names them as the SDKs do', async () => {
    const provider = new SimulatedProvider({
      vendor: 'openai',
      responder: () => {
        throw new SimulatedProviderError(429, 'rate_limit_exceeded', 'Rate limit reached');
      },
    });
    const error = await ask(provider, 'gpt-4o', 'Hi').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulatedProviderError);
    expect(error).toMatchObject({ name: 'RateLimitError', message: '429 Rate limit reached', status: 429 });
    expect((error as SimulatedProviderError).detail).toBe('Rate limit reached');
  });
});
