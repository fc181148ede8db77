// LangSmith: for LangChain, tracing switched on by LANGSMITH_TRACING / LANGSMITH_ENDPOINT /
// LANGSMITH_API_KEY (LangChain adds its LangChainTracer to every run); for OpenAI,
// `wrapOpenAI` from `langsmith/wrappers`. Both batch runs in the background (multipart
// ingestion); `awaitPendingTraceBatches()` is the documented wait before exit.
import { Client } from 'langsmith';

/** What the workload adds per call, and the flush of the client that sends its runs. */
export async function setup({ workload }) {
  if (workload === 'langchain') {
    // LangChain's env-enabled tracer sends through its default client; a tracer built
    // without a client hands that same client out.
    const { LangChainTracer } = await import('@langchain/core/tracers/tracer_langchain');
    const { client } = new LangChainTracer();
    const flush = () => client.awaitPendingTraceBatches();
    return { callOptions: {}, flush, shutdown: flush };
  }
  const { wrapOpenAI } = await import('langsmith/wrappers');
  const client = new Client();
  const flush = () => client.awaitPendingTraceBatches();
  return { wrap: (openai) => wrapOpenAI(openai, { client }), flush, shutdown: flush };
}
