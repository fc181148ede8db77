import type { LLMCall } from '../models.js';

/** The columns an accuracy check compares between a stored call and what a case expects. */
export interface ExpectedCall {
  modelName: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  /** Only where a case writes 1-hour cache entries; 0 when left out. */
  cacheWrite1hTokens?: number;
  reasoningTokens: number;
  usageSource: string;
  finishReason: string | null;
  responseText: string | null;
  error: string | null;
  /** US dollars, written out from per-million prices. */
  totalCost: number;
}

/** The checked columns of a stored row; dollars rounded to 1e-12 like core, so float noise does not count. */
export function checkedColumns(call: LLMCall | ExpectedCall): ExpectedCall {
  return {
    modelName: call.modelName,
    promptTokens: call.promptTokens,
    completionTokens: call.completionTokens,
    totalTokens: call.totalTokens,
    cachedPromptTokens: call.cachedPromptTokens,
    cacheWriteTokens: call.cacheWriteTokens,
    cacheWrite1hTokens: call.cacheWrite1hTokens ?? 0,
    reasoningTokens: call.reasoningTokens,
    usageSource: call.usageSource,
    finishReason: call.finishReason,
    responseText: call.responseText,
    error: call.error,
    totalCost: Math.round(call.totalCost * 1e12) / 1e12,
  };
}
