import type { EmptyContent } from '../../components/page-shell.js';

/** No judge verdict recorded yet: how to pass your evaluator's verdict with a call. */
export const JUDGE_EMPTY: EmptyContent = {
  title: 'No judge verdicts recorded yet',
  text:
    'Observatory does not judge. Run your own evaluator and pass its verdict as qualityEvaluation; this page then ' +
    'shows scores over time, leaderboards with confidence intervals and A/B comparisons.',
  code: `const verdict = await myJudge.score(prompt, answer)   // your own LLM-as-judge
obs.recordCall({
  provider: 'anthropic', modelName: 'claude-sonnet-4-5',
  promptTokens: 2400, completionTokens: 380, latencyMs: 3100,
  agentName: 'Writer', prompt, responseText: answer,
  qualityEvaluation: {
    judgeScore: verdict.score,            // 0..10
    hallucinationFlag: verdict.hallucinated,
    factualError: verdict.factualError,
    errorCategory: verdict.category,      // e.g. 'incomplete'
    reasoning: verdict.why, suggestions: verdict.suggestions,
  },
})`,
};
