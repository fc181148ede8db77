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
