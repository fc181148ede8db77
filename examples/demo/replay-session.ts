import { randomUUID } from 'node:crypto';
import type { LLMCall, Observatory, Session } from '@observatory/core';

/** A session a crew ran, with its calls in time order. */
export interface RecordedSession {
  session: Session;
  calls: LLMCall[];
}

/**
 * Record `recorded` again as a new session whose first call ends at `firstCallAt`: the same
 * calls (models, tokens, latencies, agents, decisions, errors) with the same gaps between
 * them, new ids, and links between its calls (`parentId`) pointing at the new ones. Costs
 * are priced again, as for any call, and come out the same. Returns the calls recorded.
 */
export function replaySession(obs: Observatory, recorded: RecordedSession, firstCallAt: number): number {
  const { session, calls } = recorded;
  if (calls.length === 0) return 0;
  const replay = obs.startSession(session.operationType, session.metadata ?? undefined);
  const newIds = new Map<string, string>();
  const offsetMs = firstCallAt - calls[0].timestamp.getTime();
  for (const call of calls) {
    let parentId: string | undefined;
    if (call.parentId) {
      parentId = newIds.get(call.parentId) ?? randomUUID();
      newIds.set(call.parentId, parentId);
    }
    const copy = obs.recordCall({
      sessionId: replay.id,
      provider: call.provider,
      modelName: call.modelName,
      promptTokens: call.promptTokens,
      completionTokens: call.completionTokens,
      totalTokens: call.totalTokens,
      cachedPromptTokens: call.cachedPromptTokens,
      cacheWriteTokens: call.cacheWriteTokens,
      reasoningTokens: call.reasoningTokens,
      usageSource: call.usageSource,
      latencyMs: call.latencyMs,
      ttftMs: call.ttftMs,
      ...(call.costSource === 'user' ? { totalCost: call.totalCost } : {}),
      agentName: call.agentName,
      operationName: call.operationName,
      prompt: call.prompt,
      responseText: call.responseText,
      routingDecision: call.routingDecision,
      cacheMetadata: call.cacheMetadata,
      qualityEvaluation: call.qualityEvaluation,
      error: call.error,
      finishReason: call.finishReason,
      metadata: call.metadata,
      parentId,
      timestamp: call.timestamp.getTime() + offsetMs,
    });
    if (copy) newIds.set(call.id, copy.id);
  }
  if (session.success !== null) {
    void obs.endSession(replay, session.success ? { success: true } : { success: false, error: session.error });
  }
  return calls.length;
}
