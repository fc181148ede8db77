import type { EmptyContent } from '../../components/page-shell.js';

/** The store holds no calls yet: how to record one, or fill it with demo history. */
export const HOME_EMPTY: EmptyContent = {
  title: 'No calls recorded yet',
  text:
    'Observatory shows what your LLM app records. Record a call with the core API or one of the adapters ' +
    '(LangChain, LangGraph, Vercel AI SDK, OpenAI, Anthropic), or fill the store with demo history, then reload.',
  code: `import { Observatory } from '@observatory/core'

const obs = new Observatory({ projectName: 'my-app' })
obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o',
  promptTokens: 1200, completionTokens: 300, latencyMs: 850,
  agentName: 'Reviewer', operationName: 'review',
})

# or fill this store with realistic history:
npx observatory demo --days 14 --calls 50000`,
};
