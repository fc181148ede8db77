import type { Observatory } from '@observatory/core';
import type { LlmClient } from './llm-client.js';
import { recordStep } from './record-step.js';
import { EXTRACTOR_SYSTEM, SUMMARIZER_SYSTEM } from './scenario.js';

/**
 * Pattern 2 — a session workflow: `startSession`, record each step's call with the
 * session's id, then `endSession` with `success: true`, or `success: false` and the error
 * when a step fails. (`obs.withSession(op, fn)` does the same around a function.)
 */
export async function reviewContract(
  obs: Observatory,
  llm: LlmClient,
  document: { id: string; title: string; body: string },
): Promise<{ sessionId: string; summary?: string; error?: string }> {
  const session = obs.startSession('contract_review', { documentId: document.id, title: document.title });
  try {
    const terms = await recordStep(
      obs,
      llm,
      { model: 'gpt-4o-mini', system: EXTRACTOR_SYSTEM, prompt: `Title: ${document.title}\n\n${document.body}` },
      { sessionId: session.id, agentName: 'Extractor', operationName: 'extract_terms' },
    );
    const summary = await recordStep(
      obs,
      llm,
      {
        model: 'claude-sonnet-4-6',
        system: SUMMARIZER_SYSTEM,
        prompt: `Title: ${document.title}\n\nExtracted terms:\n${terms.result.text}\n\nFull text:\n${document.body}`,
      },
      { sessionId: session.id, agentName: 'Summarizer', operationName: 'summarize_contract' },
    );
    await obs.endSession(session, { success: true });
    return { sessionId: session.id, summary: summary.result.text };
  } catch (error) {
    await obs.endSession(session, { success: false, error });
    return { sessionId: session.id, error: error instanceof Error ? error.message : String(error) };
  }
}
