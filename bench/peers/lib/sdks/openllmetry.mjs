// OpenLLMetry (`@traceloop/node-server-sdk`): `initialize()` with the sink as `baseUrl`
// (OTLP/HTTP protobuf to `/v1/traces`, BatchSpanProcessor: its default). Under ESM the
// modules to patch are handed over in `instrumentModules` (the SDK's documented way when
// its require hook cannot see the import); its LangChain instrumentation is always on and
// patches LangChain's CallbackManager itself.
import * as traceloop from '@traceloop/node-server-sdk';

/** Waits until the asynchronous ESM patch of LangChain's CallbackManager has landed. */
async function waitForLangChainPatch() {
  const { CallbackManager } = await import('@langchain/core/callbacks/manager');
  const deadline = Date.now() + 5_000;
  while (!CallbackManager._traceloopPatched) {
    if (Date.now() > deadline) throw new Error('OpenLLMetry did not patch LangChain within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The SDK initialised for one workload. */
export async function setup({ workload, sinkUrl }) {
  const instrumentModules =
    workload === 'langchain' ? { langchain: true } : { openAI: (await import('openai')).default };
  traceloop.initialize({
    appName: 'observatory-bench',
    apiKey: 'tl-bench',
    baseUrl: sinkUrl,
    silenceInitializationMessage: true,
    instrumentModules,
  });
  if (workload === 'langchain') await waitForLangChainPatch();
  return { callOptions: {}, flush: () => traceloop.forceFlush(), shutdown: () => traceloop.forceFlush() };
}
