import { describe, expect, it } from 'vitest';
import {
  type ChatTurn,
  SimulatedProvider,
  SimulatedProviderError,
  SimulatedStallError,
  simulatedTiming,
} from './simulated-provider.js';

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

  it('Anthropic: a 1-hour cache breakpoint writes 1-hour entries, reported as part of the cache write', async () => {
    const provider = new SimulatedProvider({ vendor: 'anthropic', responder: () => 'ok' });
    const turns: ChatTurn[] = [
      { role: 'system', text: SYSTEM },
      { role: 'user', text: 'One?' },
    ];
    const hour = await provider.complete({ model: 'claude-sonnet-4-6', turns, tools: [], cacheTtl: '1h' });
    const fiveMinutes = await provider.complete({
      model: 'claude-haiku-4-5',
      turns,
      tools: [],
    });
    expect(hour.usage.cacheWrite1hTokens).toBe(hour.usage.cacheWriteTokens);
    expect(hour.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect([fiveMinutes.usage.cacheWriteTokens > 0, fiveMinutes.usage.cacheWrite1hTokens]).toEqual([true, 0]);
  });

  it('reasoning models think at the effort asked for, within the budget, billed as output', async () => {
    const provider = new SimulatedProvider({ vendor: 'openai', responder: () => 'The answer is 42.' });
    const turns: ChatTurn[] = [{ role: 'user', text: 'What is six times seven?' }];
    const think = (effort: 'low' | 'high') =>
      provider.complete({ model: 'o4-mini', turns, tools: [], reasoning: { effort } });
    const low = await think('low');
    const high = await think('high');
    const plain = await provider.complete({ model: 'gpt-4o-mini', turns, tools: [] });
    expect(low.usage.reasoningTokens).toBeGreaterThan(100);
    expect(high.usage.reasoningTokens).toBeGreaterThan(low.usage.reasoningTokens);
    expect(high.usage.outputTokens).toBe(high.usage.reasoningTokens + plain.usage.outputTokens);
    expect([plain.usage.reasoningTokens, plain.reply.thinking]).toEqual([0, '']);

    const claude = new SimulatedProvider({ vendor: 'anthropic', responder: () => 'Forty-two.' });
    const budgeted = await claude.complete({
      model: 'claude-sonnet-4-6',
      turns,
      tools: [],
      reasoning: { effort: 'high', budgetTokens: 1024 },
    });
    expect(budgeted.usage.reasoningTokens).toBe(1024);
    expect(budgeted.reply.thinking).toContain('What is six times seven?');
  });

  it('OpenAI reasoning is hidden, so it delays the first token; Claude streams its thinking', () => {
    const usage = { inputTokens: 100, cachedInputTokens: 0, outputTokens: 1500, reasoningTokens: 1400 };
    const middle = () => 0.5;
    const o4 = simulatedTiming('o4-mini', usage, middle);
    const claude = simulatedTiming('claude-sonnet-4-6', usage, middle);
    expect(o4.timeToFirstTokenMs).toBeCloseTo(500 + 100 * 0.05 + (1400 / 140) * 1000, 6);
    expect(o4.generationMs).toBeCloseTo((100 / 140) * 1000, 6);
    expect(claude.timeToFirstTokenMs).toBeCloseTo(800 + 100 * 0.05, 6);
    expect(claude.generationMs).toBeCloseTo((1500 / 60) * 1000, 6);
  });

  it('fails requests at the incident rates, the same ones for the same seed, as each vendor fails', async () => {
    const run = async (vendor: 'openai' | 'anthropic', seed: number) => {
      const provider = new SimulatedProvider({
        vendor,
        seed,
        responder: () => 'ok',
        incidents: { rateLimited: 0.2, serverError: 0.1, overloaded: 0.1, stalled: 0.1 },
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 200; i++) {
        const result = await ask(provider, 'gpt-4o-mini', `Question ${i}?`).catch((error: unknown) => error);
        if (result instanceof SimulatedProviderError) outcomes.push(`${result.status} ${result.code}`);
        else if (result instanceof SimulatedStallError) outcomes.push('stall');
        else outcomes.push('ok');
      }
      return outcomes;
    };
    const openai = await run('openai', 3);
    const count = (outcomes: string[], outcome: string) => outcomes.filter((o) => o === outcome).length;
    expect(count(openai, 'ok')).toBeGreaterThan(80);
    expect(count(openai, 'ok')).toBeLessThan(140);
    expect(new Set(openai)).toEqual(new Set(['ok', '429 rate_limit_exceeded', '500 null', '503 null', 'stall']));
    expect(await run('openai', 3)).toEqual(openai);
    expect(new Set(await run('anthropic', 3))).toEqual(
      new Set(['ok', '429 rate_limit_error', '500 api_error', '529 overloaded_error', 'stall']),
    );
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
