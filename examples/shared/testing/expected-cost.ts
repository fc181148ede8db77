import type { LLMCall } from '@observatory/core';

/**
 * List prices in US dollars per million tokens (input, cached input, cache write, output),
 * written out here so tests check core's pricing against independent arithmetic.
 */
const PRICES: Record<string, { input: number; cached: number; cacheWrite: number; output: number }> = {
  'gpt-4o-mini': { input: 0.15, cached: 0.075, cacheWrite: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, cached: 1.25, cacheWrite: 2.5, output: 10 },
  'o4-mini': { input: 1.1, cached: 0.275, cacheWrite: 1.1, output: 4.4 },
  // Anthropic's cache writes: 1.25× the input price for 5-minute entries (below).
  'claude-sonnet-4-6': { input: 3, cached: 0.3, cacheWrite: 3.75, output: 15 },
  'claude-haiku-4-5': { input: 1, cached: 0.1, cacheWrite: 1.25, output: 5 },
};

/** The model family of a dated id: `gpt-4o-mini-2024-07-18` → `gpt-4o-mini`. */
function family(modelName: string): string {
  return modelName.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-\d{8}$/, '');
}

/**
 * What a stored call should cost from its own token columns: uncached input at the input
 * price, cache reads and writes at theirs (Anthropic's 1-hour writes at 2× the input
 * price), output (reasoning included) at the output price.
 */
export function expectedCost(
  call: Pick<LLMCall, 'modelName' | 'promptTokens' | 'cachedPromptTokens' | 'cacheWriteTokens' | 'completionTokens'> &
    Partial<Pick<LLMCall, 'cacheWrite1hTokens'>>,
): number {
  const price = PRICES[family(call.modelName)];
  if (!price) throw new Error(`no test price for ${call.modelName}`);
  const uncached = call.promptTokens - call.cachedPromptTokens - call.cacheWriteTokens;
  const hourWrites = call.cacheWrite1hTokens ?? 0;
  return (
    (uncached * price.input +
      call.cachedPromptTokens * price.cached +
      (call.cacheWriteTokens - hourWrites) * price.cacheWrite +
      hourWrites * price.input * 2 +
      call.completionTokens * price.output) /
    1e6
  );
}

/** A one-line description of a call, for assertion messages. */
export function describeCall(call: LLMCall): string {
  return `${call.agentName}/${call.modelName} in=${call.promptTokens} cached=${call.cachedPromptTokens} write=${call.cacheWriteTokens} write1h=${call.cacheWrite1hTokens} out=${call.completionTokens} reasoning=${call.reasoningTokens} usage=${call.usageSource} ttft=${call.ttftMs} cost=${call.totalCost} error=${call.error}`;
}
