import { createHash } from 'node:crypto';

/** An answer the copilot can serve again. */
export interface CachedAnswer {
  text: string;
  provider: string;
  modelName: string;
  promptVariant?: 'A' | 'B';
  /** The recorded call that produced the answer. */
  callId?: string;
}

/** The outcome of a lookup: the key and cluster the prompt maps to, and the answer when there is one. */
export interface CacheLookup {
  cacheKey: string;
  cacheClusterId: string;
  hit: CachedAnswer | undefined;
}

/**
 * The copilot's own prompt cache (Observatory only records its lookups): answers kept in
 * memory under a key of the prompt id and the normalised prompt — lower case, punctuation
 * and repeated spaces removed — so the same question typed differently is answered once.
 */
export class PromptCache {
  private readonly entries = new Map<string, CachedAnswer>();
  hits = 0;
  misses = 0;

  /** `How do I make my CV  stand out??` → `how do i make my cv stand out`. */
  static normalize(prompt: string): string {
    return prompt
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  lookup(promptId: string, prompt: string): CacheLookup {
    const cacheKey = createHash('sha256')
      .update(`${promptId}\n${PromptCache.normalize(prompt)}`)
      .digest('hex')
      .slice(0, 16);
    const hit = this.entries.get(cacheKey);
    if (hit) this.hits++;
    else this.misses++;
    return { cacheKey, cacheClusterId: promptId, hit };
  }

  store(cacheKey: string, answer: CachedAnswer): void {
    this.entries.set(cacheKey, answer);
  }
}
