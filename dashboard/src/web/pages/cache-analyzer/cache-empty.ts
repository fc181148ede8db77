import type { EmptyContent } from '../../components/page-shell.js';

/** No prompts or cache lookups recorded yet: how to record a lookup with its call. */
export const CACHE_EMPTY: EmptyContent = {
  title: 'No prompts or cache lookups recorded yet',
  text:
    'Record prompts (on by default) to find near-duplicate prompts a cache could serve, and pass cacheMetadata with ' +
    'each call to compare with what your cache actually hits.',
  code: `const cached = await myCache.get(key)
obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o',
  promptTokens: cached ? 0 : usage.prompt_tokens,   // a hit spends nothing
  completionTokens: cached ? 0 : usage.completion_tokens,
  latencyMs, agentName: 'Responder', prompt,
  cacheMetadata: { cacheHit: Boolean(cached), cacheKey: key, cacheClusterId: 'faq-billing' },
})`,
};
