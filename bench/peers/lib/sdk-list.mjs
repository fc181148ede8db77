// The processes of a round: the baseline and one per SDK. `packages` are the installs whose
// versions the report prints, `main` the one named beside the SDK in each workload's table,
// `env` what the child gets besides a scrubbed environment (the way each SDK's docs
// configure it: keys and endpoint, here pointed at the sink). `workloads`, when given, limits
// a process to those workloads.

export const SDKS = [
  { id: 'baseline', label: 'baseline (no SDK)', packages: [], env: () => ({}) },
  {
    // Runs in the LangChain workload only: what any handler costs there (sdks/langchain-handler.mjs).
    id: 'langchain-handler',
    label: 'a LangChain handler that does nothing',
    workloads: ['langchain'],
    main: {},
    packages: [],
    env: () => ({}),
  },
  {
    id: 'observatory',
    label: 'Observatory',
    main: { langchain: '@observatory/langchain', openai: '@observatory/openai' },
    packages: ['@observatory/core', '@observatory/langchain', '@observatory/openai'],
    env: () => ({}),
  },
  {
    id: 'observatory-writer-thread',
    label: 'Observatory, writerThread: true',
    main: { langchain: '@observatory/langchain', openai: '@observatory/openai' },
    packages: ['@observatory/core', '@observatory/langchain', '@observatory/openai'],
    env: () => ({}),
  },
  {
    id: 'observatory-http',
    label: 'Observatory → ingestUrl',
    main: { langchain: '@observatory/langchain', openai: '@observatory/openai' },
    packages: ['@observatory/core', '@observatory/langchain', '@observatory/openai'],
    env: () => ({}),
  },
  {
    id: 'langfuse',
    label: 'Langfuse',
    main: { langchain: '@langfuse/langchain', openai: '@langfuse/openai' },
    packages: ['@langfuse/otel', '@langfuse/langchain', '@langfuse/openai', '@langfuse/tracing'],
    env: (sinkUrl) => ({
      LANGFUSE_PUBLIC_KEY: 'pk-lf-bench',
      LANGFUSE_SECRET_KEY: 'sk-lf-bench',
      LANGFUSE_BASE_URL: sinkUrl,
    }),
  },
  {
    id: 'openllmetry',
    label: 'OpenLLMetry',
    main: { langchain: '@traceloop/node-server-sdk', openai: '@traceloop/node-server-sdk' },
    packages: [
      '@traceloop/node-server-sdk',
      '@traceloop/instrumentation-langchain',
      '@traceloop/instrumentation-openai',
    ],
    env: () => ({}),
  },
  {
    id: 'openinference',
    label: 'OpenInference',
    main: {
      langchain: '@arizeai/openinference-instrumentation-langchain',
      openai: '@arizeai/openinference-instrumentation-openai',
    },
    packages: [
      '@arizeai/openinference-instrumentation-langchain',
      '@arizeai/openinference-instrumentation-openai',
      '@opentelemetry/exporter-trace-otlp-proto',
    ],
    env: () => ({}),
  },
  {
    id: 'langsmith',
    label: 'LangSmith',
    main: { langchain: 'langsmith', openai: 'langsmith' },
    packages: ['langsmith'],
    env: (sinkUrl) => ({ LANGSMITH_TRACING: 'true', LANGSMITH_ENDPOINT: sinkUrl, LANGSMITH_API_KEY: 'lsv2_bench' }),
  },
];

/** Variables the children never inherit: another run's SDK settings, loaders, stores. */
export const SCRUBBED_ENV =
  /^(NODE_OPTIONS|OBSERVATORY_|DATABASE_URL$|LANGSMITH_|LANGCHAIN_|LANGFUSE_|TRACELOOP_|OTEL_|OPENAI_)/;
