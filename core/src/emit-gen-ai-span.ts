import type { Attributes, Tracer } from '@opentelemetry/api';
import type { LLMCall } from './models.js';

/** OpenTelemetry export: each recorded call also becomes a GenAI client span. */
export interface OpenTelemetryExport {
  /** A tracer from your own OTel SDK, e.g. `trace.getTracer('observatory')`. */
  tracer: Tracer;
  /** `gen_ai.operation.name` of a call. Default 'chat' ('embeddings' for embedding models). */
  operationName?: (call: LLMCall) => string;
}

/** Our provider ids where the GenAI conventions spell them differently. */
const SEMCONV_PROVIDERS: Record<string, string> = {
  google: 'gcp.gen_ai',
  mistral: 'mistral_ai',
  'x-ai': 'x_ai',
  xai: 'x_ai',
  'aws-bedrock': 'aws.bedrock',
  azure: 'azure.ai.openai',
};

// Numeric values of the @opentelemetry/api enums, so core needs the API only as a type.
const SPAN_KIND_CLIENT = 2;
const SPAN_STATUS_ERROR = 2;

/**
 * Emit the call as a span named `{gen_ai.operation.name} {gen_ai.request.model}`, ending at
 * the call's timestamp and starting `latencyMs` before it, with the GenAI usage attributes
 * (input tokens include cache reads and writes, output tokens include reasoning, as the
 * conventions say).
 */
export function emitGenAiSpan(call: LLMCall, options: OpenTelemetryExport): void {
  const operation = options.operationName?.(call) ?? (/embed/i.test(call.modelName) ? 'embeddings' : 'chat');
  const attributes: Attributes = {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': SEMCONV_PROVIDERS[call.provider] ?? call.provider,
    'gen_ai.request.model': call.modelName,
    'gen_ai.response.model': call.modelName,
    'gen_ai.usage.input_tokens': call.promptTokens,
    'gen_ai.usage.output_tokens': call.completionTokens,
    'gen_ai.usage.cache_read.input_tokens': call.cachedPromptTokens,
    'gen_ai.usage.cache_creation.input_tokens': call.cacheWriteTokens,
    'gen_ai.usage.reasoning.output_tokens': call.reasoningTokens,
    'gen_ai.conversation.id': call.sessionId,
    'observatory.call.id': call.id,
    'observatory.cost.usd': call.totalCost,
    'observatory.cost.source': call.costSource,
  };
  if (call.agentName) attributes['gen_ai.agent.name'] = call.agentName;
  if (call.operationName) attributes['observatory.operation_name'] = call.operationName;
  if (call.finishReason) attributes['gen_ai.response.finish_reasons'] = [call.finishReason];
  if (call.ttftMs != null) attributes['gen_ai.response.time_to_first_chunk'] = call.ttftMs / 1000;
  if (call.error) attributes['error.type'] = errorType(call.error);

  const end = call.timestamp.getTime();
  const span = options.tracer.startSpan(`${operation} ${call.modelName}`, {
    kind: SPAN_KIND_CLIENT,
    startTime: end - call.latencyMs,
    attributes,
  });
  if (call.error) span.setStatus({ code: SPAN_STATUS_ERROR, message: call.error });
  span.end(end);
}

/** `error.type`: the error's class or code when the text starts with one ("RateLimitError: …"), else `_OTHER`. */
function errorType(error: string): string {
  const match = /^([A-Za-z_][\w.]*)(?::|\s|$)/.exec(error);
  return match && match[1].length <= 64 ? match[1] : '_OTHER';
}
