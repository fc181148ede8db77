// Observatory as built in this workspace (`npx pnpm@10.34.8 run build`), with its defaults:
// `new Observatory()` writes ./observatory.db (the child's cwd is a fresh temp folder), the
// writer commits in the background, `close()` waits until every call is written. LangChain
// through the callback handler passed per call (adapters/langchain/README.md), OpenAI
// through the one line after each call (adapters/openai/README.md). Each workload imports
// only its own adapter, as an app would.
import { Observatory } from '../../../../core/dist/index.js';

/** What the workload adds per call to record through `obs`. */
export async function adapterHooks(obs, workload) {
  if (workload === 'langchain') {
    const { ObservatoryCallbackHandler } = await import('../../../../adapters/langchain/dist/index.js');
    return { callOptions: { callbacks: [new ObservatoryCallbackHandler(obs)] } };
  }
  const { recordOpenAIResponse } = await import('../../../../adapters/openai/dist/index.js');
  return {
    afterCall: (completion, request, startTime) => recordOpenAIResponse(obs, completion, { request, startTime }),
  };
}

/** An Observatory with default options and what the workload adds per call. */
export function setup({ workload }) {
  return setupWith({}, workload);
}

/** An Observatory with these options (defaults otherwise) and what the workload adds per call. */
export async function setupWith(options, workload) {
  const obs = new Observatory(options);
  return {
    ...(await adapterHooks(obs, workload)),
    flush: () => obs.flush(),
    shutdown: () => obs.close(),
    /** Calls in the store, read by a second instance once the first has closed. */
    stored: async () => {
      const reader = new Observatory({ flushOnExit: false });
      try {
        return { rows: await reader.storage.countLlmCalls(), stats: obs.stats() };
      } finally {
        await reader.close();
      }
    },
  };
}
