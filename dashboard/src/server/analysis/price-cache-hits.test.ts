import { describe, expect, it } from 'vitest';
import { priceCacheHits } from './price-cache-hits.js';

describe('priceCacheHits', () => {
  it('prices each hit as its agent and model’s average miss, falling back and saying which', () => {
    const result = priceCacheHits([
      // 4 misses cost $0.40: each of the 2 hits is worth $0.10.
      { agent: 'support', model: 'gpt-4o', totalCalls: 6, cacheHits: 2, totalCost: 0.4 },
      // Only hits for this pair: the agent's average miss over its models, $0.40 / 4.
      { agent: 'support', model: 'gpt-4o-mini', totalCalls: 3, cacheHits: 3, totalCost: 0 },
      // A new agent, only hits: its model's average miss, ($0.40 + $0.20) / (4 + 1).
      { agent: 'faq', model: 'gpt-4o', totalCalls: 1, cacheHits: 1, totalCost: 0 },
      { agent: 'writer', model: 'gpt-4o', totalCalls: 1, cacheHits: 0, totalCost: 0.2 },
      // Neither agent nor model has a miss: every call's average, $0.60 / 5.
      { agent: 'faq-2', model: 'claude-haiku-4-5', totalCalls: 2, cacheHits: 2, totalCost: 0 },
    ]);
    expect(result.pricedBy).toEqual({ agentModel: 2, agent: 3, model: 1, all: 2, unpriced: 0 });
    expect(result.dollars).toBeCloseTo(2 * 0.1 + 3 * 0.1 + 1 * 0.12 + 2 * 0.12, 12);
  });

  it('leaves hits unpriced when nothing in range missed', () => {
    expect(priceCacheHits([{ agent: 'a', model: 'm', totalCalls: 2, cacheHits: 2, totalCost: 0 }])).toEqual({
      dollars: 0,
      pricedBy: { agentModel: 0, agent: 0, model: 0, all: 0, unpriced: 2 },
    });
  });
});
