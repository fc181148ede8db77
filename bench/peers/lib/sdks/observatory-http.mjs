// Observatory sending its calls to a collector instead of writing a database: the same
// adapters as observatory.mjs, with `ingestUrl` pointed at the loopback sink's
// `POST /api/calls` (the endpoint an Observatory server exposes). The sink counts the calls.
import { ObservatoryCallbackHandler } from '../../../../adapters/langchain/dist/index.js';
import { recordOpenAIResponse } from '../../../../adapters/openai/dist/index.js';
import { Observatory } from '../../../../core/dist/index.js';

export async function setup({ workload, sinkUrl }) {
  const obs = new Observatory({ ingestUrl: `${sinkUrl}/api/calls` });
  const hooks =
    workload === 'langchain'
      ? { callOptions: { callbacks: [new ObservatoryCallbackHandler(obs)] } }
      : {
          afterCall: (completion, request, startTime) => recordOpenAIResponse(obs, completion, { request, startTime }),
        };
  return { ...hooks, flush: () => obs.flush(), shutdown: () => obs.close() };
}
