// OpenInference (Arize): its LangChain instrumentation on LangChain's callbacks/manager
// module, or its OpenAI instrumentation on the `openai` module, both by `manuallyInstrument`
// as their READMEs do under ESM, on a NodeTracerProvider exporting through the OTLP/HTTP
// protobuf exporter in a BatchSpanProcessor (the production setup) to the sink.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The provider and the instrumentation for one workload. */
export async function setup({ workload, sinkUrl }) {
  const exporter = new OTLPTraceExporter({ url: `${sinkUrl}/v1/traces` });
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  if (workload === 'langchain') {
    const { LangChainInstrumentation } = await import('@arizeai/openinference-instrumentation-langchain');
    new LangChainInstrumentation().manuallyInstrument(await import('@langchain/core/callbacks/manager'));
  } else {
    const { OpenAIInstrumentation } = await import('@arizeai/openinference-instrumentation-openai');
    new OpenAIInstrumentation().manuallyInstrument((await import('openai')).default);
  }
  return { callOptions: {}, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
