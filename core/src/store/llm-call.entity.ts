import { EntitySchema } from '@mikro-orm/core';
import type { LLMCall } from '../models.js';

/** `llm_calls`: one row per recorded call. Column names are the snake_case of the fields. */
export const LLMCallEntity = new EntitySchema<LLMCall>({
  name: 'LLMCall',
  tableName: 'llm_calls',
  properties: {
    id: { type: 'string', primary: true, length: 128 },
    sessionId: { type: 'string', length: 128 },
    projectName: { type: 'string', length: 256 },
    timestamp: { type: 'datetime' },
    provider: { type: 'string', fieldName: 'model_provider', length: 64 },
    modelName: { type: 'string', length: 256 },
    promptTokens: { type: 'integer' },
    completionTokens: { type: 'integer' },
    totalTokens: { type: 'integer' },
    cachedPromptTokens: { type: 'integer' },
    cacheWriteTokens: { type: 'integer' },
    reasoningTokens: { type: 'integer' },
    latencyMs: { type: 'double' },
    ttftMs: { type: 'double', nullable: true },
    totalCost: { type: 'double' },
    costSource: { type: 'string', length: 16 },
    usageSource: { type: 'string', length: 16 },
    agentName: { type: 'string', length: 256, nullable: true },
    operationName: { type: 'string', length: 256, nullable: true },
    prompt: { type: 'text', nullable: true },
    responseText: { type: 'text', nullable: true },
    routingDecision: { type: 'json', nullable: true },
    cacheMetadata: { type: 'json', nullable: true },
    qualityEvaluation: { type: 'json', nullable: true },
    error: { type: 'text', nullable: true },
    finishReason: { type: 'string', length: 64, nullable: true },
    parentId: { type: 'string', length: 128, nullable: true },
    metadata: { type: 'json', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
