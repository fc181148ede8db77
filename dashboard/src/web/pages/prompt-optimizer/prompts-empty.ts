import type { EmptyContent } from '../../components/page-shell.js';

/** No prompt variant recorded yet: how to tag calls with a prompt and its version. */
export const PROMPTS_EMPTY: EmptyContent = {
  title: 'No prompt variants recorded yet',
  text:
    'Tag calls with metadata.promptId (which prompt) and metadata.promptVariant (which version of it). This page then ' +
    "compares the variants' judge scores, cost and latency, and estimates edits against their real traffic.",
  code: `obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o',
  promptTokens: 1400, completionTokens: 260, latencyMs: 1900,
  agentName: 'Responder', prompt,
  // Which prompt, and which version of it, this call used:
  metadata: { promptId: 'support-reply', promptVariant: 'empathetic-v2' },
  // Judge verdicts make the A/B comparison and win/loss heatmap possible:
  qualityEvaluation: { judgeScore: 8.5, hallucinationFlag: false, factualError: false, suggestions: [] },
})`,
};
