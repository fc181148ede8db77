import type { LLMCall, Observatory } from '@observatory/core';
import { backdate } from '../shared/backdate.js';
import { createSeededRandom } from '../shared/seeded-random.js';
import { createLlmClient } from './llm-client.js';
import { classifyEmail } from './record-direct-call.js';
import { answerWikiQuestion } from './run-framework-nodes.js';
import { researchCompany } from './run-multi-agent.js';
import { reviewContract } from './run-session-workflow.js';
import { COMPANIES, DOCUMENTS, EMAILS, manualResponder, WIKI_QUESTIONS } from './scenario.js';

export interface ManualSessionsOptions {
  /** Picks the emails, question and companies; the same seed gives the same run. Default 1. */
  seed?: number;
  /** Record the run as if it started at this time (for filling in history). Default: now. */
  startedAt?: Date;
  /** true: simulated models even when OPENAI_API_KEY / ANTHROPIC_API_KEY are set. */
  offline?: boolean;
}

export interface ManualSessionsResult {
  /** Pattern 1: calls recorded without a session (they joined the implicit session). */
  directCalls: LLMCall[];
  /** Pattern 2: one session per contract; DOC-103's summary fails offline. */
  contracts: Array<{ documentId: string; sessionId: string; error?: string }>;
  /** Pattern 3: one session per question. */
  wikiSessionId: string;
  /** Pattern 4: one session per company. */
  researchSessionIds: string[];
  /** Every session the run wrote to, the implicit one included. */
  sessionIds: string[];
}

/**
 * The four integration patterns of recording by hand, one after another: direct
 * `recordCall`, a session workflow that succeeds or fails, a node wrapper for a home-grown
 * pipeline, and a multi-agent run with parent links.
 */
export async function runManualSessions(
  observatory: Observatory,
  options: ManualSessionsOptions = {},
): Promise<ManualSessionsResult> {
  const obs = backdate(observatory, options.startedAt);
  const random = createSeededRandom(options.seed ?? 1);
  const llm = await createLlmClient(manualResponder, options);

  const directCalls: LLMCall[] = [];
  for (const email of random.sample(EMAILS, 2)) {
    const call = await classifyEmail(obs, llm, email);
    if (call) directCalls.push(call);
  }

  const contracts: ManualSessionsResult['contracts'] = [];
  for (const document of DOCUMENTS) {
    const outcome = await reviewContract(obs, llm, document);
    contracts.push({ documentId: document.id, sessionId: outcome.sessionId, error: outcome.error });
  }

  const wiki = await answerWikiQuestion(obs, llm, random.pick(WIKI_QUESTIONS));

  const researchSessionIds: string[] = [];
  for (const company of random.sample(COMPANIES, 2)) {
    researchSessionIds.push((await researchCompany(obs, llm, company)).sessionId);
  }

  return {
    directCalls,
    contracts,
    wikiSessionId: wiki.sessionId,
    researchSessionIds,
    sessionIds: [
      ...new Set(directCalls.map((call) => call.sessionId)),
      ...contracts.map((c) => c.sessionId),
      wiki.sessionId,
      ...researchSessionIds,
    ],
  };
}
