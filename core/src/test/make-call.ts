import type { LLMCall } from '../models.js';
import type { RecordCallInput } from '../record-input.js';

/** A valid, realistic `recordCall` input; override any field. */
export function makeCall(overrides: Partial<RecordCallInput> = {}): RecordCallInput {
  return {
    provider: 'openai',
    modelName: 'gpt-4o',
    promptTokens: 1200,
    completionTokens: 300,
    latencyMs: 850,
    agentName: 'Reviewer',
    operationName: 'review',
    prompt: 'Review this diff for bugs.',
    responseText: 'Looks good, one nit.',
    ...overrides,
  };
}

/** When makeStoredCall's call was made. */
export const STORED_CALL_AT = new Date('2026-11-03T10:15:00.000Z');

/** A call as the store keeps it (every field set, session-1 of project insert-records); override any field. */
export function makeStoredCall(overrides: Partial<LLMCall> = {}): LLMCall {
  return {
    id: 'call-1',
    sessionId: 'session-1',
    projectName: 'insert-records',
    timestamp: STORED_CALL_AT,
    provider: 'openai',
    modelName: 'gpt-4o',
    promptTokens: 1200,
    completionTokens: 300,
    totalTokens: 1500,
    cachedPromptTokens: 400,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    latencyMs: 850.5,
    ttftMs: 120,
    totalCost: 0.0123,
    costSource: 'price_table',
    usageSource: 'reported',
    agentName: 'Reviewer',
    operationName: 'review',
    prompt: "it's a 'quoted' prompt",
    responseText: null,
    routingDecision: {
      chosenModel: 'gpt-4o',
      alternativeModels: ['gpt-4o-mini'],
      modelScores: { 'gpt-4o': 0.9 },
      reasoning: 'hard',
    },
    cacheMetadata: { cacheHit: false, cacheKey: 'k1' },
    qualityEvaluation: null,
    error: null,
    finishReason: 'stop',
    parentId: null,
    metadata: { tenant: 'acme', nested: { a: [1, 2] } },
    createdAt: new Date(STORED_CALL_AT.getTime() + 900),
    ...overrides,
  };
}
