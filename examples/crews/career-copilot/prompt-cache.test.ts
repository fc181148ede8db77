import { describe, expect, it } from 'vitest';
import { PromptCache } from './prompt-cache.js';

describe('PromptCache', () => {
  it('normalises case, punctuation and spacing', () => {
    expect(PromptCache.normalize('How do I make my CV  stand out for Senior roles??')).toBe(
      'how do i make my cv stand out for senior roles',
    );
    expect(PromptCache.normalize('Gehalt für Köln?')).toBe('gehalt für köln');
  });

  it('answers the same question typed differently, per prompt id, and counts hits and misses', () => {
    const cache = new PromptCache();
    const first = cache.lookup('resume_review', 'How do I make my CV stand out?');
    expect(first.hit).toBeUndefined();
    cache.store(first.cacheKey, { text: 'Lead with outcomes.', provider: 'openai', modelName: 'gpt-4o-mini' });

    const again = cache.lookup('resume_review', 'how do i make my cv stand out');
    expect(again).toEqual({ cacheKey: first.cacheKey, cacheClusterId: 'resume_review', hit: expect.any(Object) });
    expect(again.hit?.text).toBe('Lead with outcomes.');
    expect(cache.lookup('salary_advice', 'How do I make my CV stand out?').hit).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });
});
