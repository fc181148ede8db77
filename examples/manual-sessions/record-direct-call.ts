import type { LLMCall, Observatory } from '@observatory/core';
import { type LlmClient, resultFields } from './llm-client.js';
import { CLASSIFIER_SYSTEM } from './scenario.js';

/**
 * Pattern 1 — a direct `recordCall`: call the model, then record what happened. No session
 * is named, so the call joins the observatory's implicit session (or the active
 * `withSession`, when there is one).
 */
export async function classifyEmail(obs: Observatory, llm: LlmClient, email: string): Promise<LLMCall | undefined> {
  const timestamp = new Date();
  const result = await llm.complete({ model: 'gpt-4o-mini', system: CLASSIFIER_SYSTEM, prompt: email });
  return obs.recordCall({
    ...resultFields(result),
    timestamp,
    agentName: 'EmailClassifier',
    operationName: 'classify_email',
    prompt: email,
  });
}
