// Langfuse's current JS SDK (OpenTelemetry based), as its packages' READMEs set it up: a
// NodeTracerProvider with the LangfuseSpanProcessor (batching, its default), the LangChain
// CallbackHandler passed per call, `observeOpenAI` around the client. Keys and base URL come
// from LANGFUSE_PUBLIC_KEY / LANGFUSE_SECRET_KEY / LANGFUSE_BASE_URL (the sink).
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The provider and what the workload adds per call. */
export async function setup({ workload }) {
  const provider = new NodeTracerProvider({ spanProcessors: [new LangfuseSpanProcessor()] });
  provider.register();
  let hooks;
  if (workload === 'langchain') {
    const { CallbackHandler } = await import('@langfuse/langchain');
    hooks = { callOptions: { callbacks: [new CallbackHandler()] } };
  } else {
    const { observeOpenAI } = await import('@langfuse/openai');
    hooks = { wrap: (client) => observeOpenAI(client) };
  }
  return { ...hooks, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
