import type { EmptyContent } from '../../components/page-shell.js';

/** No routing decision recorded yet: how to pass your router's decision with a call. */
export const ROUTER_EMPTY: EmptyContent = {
  title: 'No routing decisions recorded yet',
  text:
    'Observatory never routes. When your own router picks a model, pass its decision as routingDecision with the ' +
    'call; this page then shows the chosen-model mix, savings and how each choice scored.',
  code: `obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o-mini',
  promptTokens: 900, completionTokens: 150, latencyMs: 640,
  agentName: 'Triage',
  // What your router decided (Observatory never routes; it records):
  routingDecision: {
    chosenModel: 'gpt-4o-mini',
    alternativeModels: ['gpt-4o', 'claude-sonnet-4-5'],
    modelScores: { 'gpt-4o-mini': 0.82, 'gpt-4o': 0.74, 'claude-sonnet-4-5': 0.7 },
    reasoning: 'short classification task',
    estimatedCostSavings: 0.0041,
  },
})`,
};
