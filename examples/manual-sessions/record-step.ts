import type { LLMCall, Observatory } from '@observatory/core';
import { type LlmClient, type LlmRequest, type LlmResult, providerOf, resultFields } from './llm-client.js';

/** Who made a call and where it belongs. */
export interface StepLabels {
  sessionId: string;
  agentName: string;
  operationName: string;
  parentId?: string;
  metadata?: Record<string, unknown>;
}

/**
 * Make one model call and record it — also when it fails: a failed request is stored with
 * its error and latency (no tokens), so error rates and slow failures show on the
 * dashboard. The error is rethrown; the caller decides what the session makes of it.
 */
export async function recordStep(
  obs: Observatory,
  llm: LlmClient,
  request: LlmRequest,
  labels: StepLabels,
): Promise<{ result: LlmResult; call: LLMCall | undefined }> {
  const timestamp = new Date();
  const started = performance.now();
  try {
    const result = await llm.complete(request);
    const call = obs.recordCall({ ...resultFields(result), ...labels, timestamp, prompt: request.prompt });
    return { result, call };
  } catch (error) {
    obs.recordCall({
      ...labels,
      provider: providerOf(request.model),
      modelName: request.model,
      latencyMs: performance.now() - started,
      timestamp,
      prompt: request.prompt,
      error,
    });
    throw error;
  }
}
