import { priceCall } from '@observatory/core';
import type { StepContext } from '../../shared/api-types.js';

/** A call as the context analysis needs it. */
export interface PromptedCall {
  id: string;
  provider: string;
  modelName: string;
  agentName: string | null;
  prompt: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
}

/** Length of the common prefix of two strings. */
export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
}

/**
 * The context each call re-sends: the prefix its prompt shares with the same agent's
 * previous prompt (an agent loop re-sends its whole history each step), and what prompt
 * caching would save on it at the model's own cache-read price. `previousByAgent` holds
 * the prompt each agent sent last before `calls` (the calls before this page).
 */
export function measureContextRepeat(
  calls: readonly PromptedCall[],
  previousByAgent: Map<string, string> = new Map(),
): StepContext[] {
  const last = new Map(previousByAgent);
  return calls.map((call) => {
    const agent = call.agentName ?? '';
    const prompt = call.prompt ?? '';
    const before = last.get(agent);
    if (call.prompt !== null) last.set(agent, prompt);
    const repeatedChars = before ? commonPrefixLength(before, prompt) : 0;
    const repeatedTokens = prompt.length > 0 ? Math.round((call.promptTokens * repeatedChars) / prompt.length) : 0;
    return {
      callId: call.id,
      repeatedChars,
      promptChars: prompt.length,
      repeatedTokens,
      cacheSavings: savings(call, repeatedTokens),
    };
  });
}

function savings(call: PromptedCall, repeatedTokens: number): number | null {
  const usage = {
    promptTokens: call.promptTokens,
    completionTokens: call.completionTokens,
    cachedPromptTokens: call.cachedPromptTokens,
    cacheWriteTokens: call.cacheWriteTokens,
  };
  const now = priceCall(call.provider, call.modelName, usage);
  if (now.costSource === 'unknown') return null;
  const readable = Math.min(
    call.promptTokens - call.cacheWriteTokens,
    Math.max(call.cachedPromptTokens, repeatedTokens),
  );
  const cached = priceCall(call.provider, call.modelName, { ...usage, cachedPromptTokens: readable });
  return Math.max(0, now.totalCost - cached.totalCost);
}
