import { PARENT_CALL_BAGGAGE_KEY, type RecordCallInput, SESSION_BAGGAGE_KEY } from '@observatory/core';
import { spanCallId, traceSessionId } from './derive-otlp-ids.js';
import type { OtlpSpan } from './otlp-trace-request.js';
import { type AttributeValue, readAttributes, toHex } from './read-attributes.js';

/** What became of one span. */
export type SpanOutcome =
  | { kind: 'call'; call: RecordCallInput }
  /** Not an LLM call (a tool, an agent, an HTTP span, the AI SDK's outer span). */
  | { kind: 'skipped' }
  | { kind: 'rejected'; attribute: string; value: unknown; reason: string };

/** gen_ai.operation.name values that are one model request; the rest (tools, agents, embeddings) are skipped. */
const INFERENCE_OPERATIONS = new Set(['chat', 'generate_content', 'text_completion']);
/** OpenLLMetry's llm.request.type values that are one model request. */
const OPENLLMETRY_INFERENCE_TYPES = new Set(['chat', 'completion']);

/**
 * Token attributes, first match wins: the GenAI semantic conventions, then the Anthropic
 * SDK's own tracing, the AI SDK's `ai.usage.*`, and OpenLLMetry's older names. Every
 * source counts input tokens *including* cache reads and writes (the Anthropic SDK sums
 * input_tokens + cache_read_input_tokens + cache_creation_input_tokens itself), which is
 * Observatory's rule too, so nothing is added here.
 */
const TOKEN_ATTRIBUTES = {
  promptTokens: [
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.prompt_tokens',
    'ai.usage.inputTokens',
    'ai.usage.promptTokens',
    'llm.usage.prompt_tokens',
  ],
  completionTokens: [
    'gen_ai.usage.output_tokens',
    'gen_ai.usage.completion_tokens',
    'ai.usage.outputTokens',
    'ai.usage.completionTokens',
    'llm.usage.completion_tokens',
  ],
  cachedPromptTokens: [
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
    'ai.usage.inputTokenDetails.cacheReadTokens',
    'ai.usage.cachedInputTokens',
  ],
  cacheWriteTokens: [
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_write.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
    'ai.usage.inputTokenDetails.cacheWriteTokens',
  ],
  reasoningTokens: [
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.reasoning_tokens',
    'ai.usage.outputTokenDetails.reasoningTokens',
    'ai.usage.reasoningTokens',
  ],
} as const;

type TokenField = keyof typeof TOKEN_ATTRIBUTES;

/** A count read from the span, with the attribute it came from (for error messages). */
interface TokenCount {
  attribute: string;
  value: number;
}

class SpanRejection extends Error {
  constructor(
    readonly attribute: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Turn one span into `recordCall` input, or say why not. `projectName` comes from the
 * span's resource (see ingest-trace-request.ts).
 */
export function spanToCall(span: OtlpSpan, projectName: string | undefined): SpanOutcome {
  const attributes = readAttributes(span.attributes);
  if (!isModelRequest(attributes)) return { kind: 'skipped' };
  try {
    return { kind: 'call', call: toCallInput(span, attributes, projectName) };
  } catch (error) {
    if (!(error instanceof SpanRejection)) throw error;
    return { kind: 'rejected', attribute: error.attribute, value: error.value, reason: error.reason };
  }
}

function isModelRequest(attributes: Map<string, AttributeValue>): boolean {
  // The AI SDK wraps each generateText/streamText in an outer span that repeats the usage
  // summed over all steps; each model request has its own inner doGenerate/doStream span.
  // Only the inner ones are calls, so nothing is counted twice.
  const aiOperation = attributes.get('ai.operationId');
  if (typeof aiOperation === 'string') return /\.do(Generate|Stream)$/.test(aiOperation);
  const operation = attributes.get('gen_ai.operation.name');
  if (typeof operation === 'string') return INFERENCE_OPERATIONS.has(operation);
  const requestType = attributes.get('llm.request.type');
  if (typeof requestType === 'string') return OPENLLMETRY_INFERENCE_TYPES.has(requestType);
  return typeof (attributes.get('gen_ai.provider.name') ?? attributes.get('gen_ai.system')) === 'string';
}

function toCallInput(
  span: OtlpSpan,
  attributes: Map<string, AttributeValue>,
  projectName: string | undefined,
): RecordCallInput {
  const traceId = readId(span.traceId, 'traceId', 32);
  const spanId = readId(span.spanId, 'spanId', 16);
  const start = readNanos(span.startTimeUnixNano, 'startTimeUnixNano');
  const end = readNanos(span.endTimeUnixNano, 'endTimeUnixNano');
  if (end < start) throw new SpanRejection('endTimeUnixNano', String(end), 'is before startTimeUnixNano');

  const text = (name: string) => {
    const value = attributes.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  const provider = text('gen_ai.provider.name') ?? text('gen_ai.system') ?? text('ai.model.provider');
  if (!provider) throw new SpanRejection('gen_ai.provider.name', attributes.get('gen_ai.provider.name'), 'is missing');
  const modelName = text('gen_ai.response.model') ?? text('gen_ai.request.model') ?? text('ai.model.id');
  if (!modelName) throw new SpanRejection('gen_ai.request.model', attributes.get('gen_ai.request.model'), 'is missing');

  const tokens = readTokens(attributes);
  const isAiSdk = attributes.has('ai.operationId');
  const failed = span.status?.code === 2 || span.status?.code === 'STATUS_CODE_ERROR';
  const errorType = text('error.type');
  const ttftSeconds = attributes.get('gen_ai.response.time_to_first_chunk');
  const ttftMs = attributes.get('ai.response.msToFirstChunk');
  const parentSpanId = toHex(span.parentSpanId);
  const conversationId = text('gen_ai.conversation.id');
  // A service that picked up an Observatory session (sessionFromTraceHeaders) names it and
  // the calling service's call: its trace id is the session only when the id is a UUID,
  // and a span id cannot hold a call id.
  const sessionId = idAttribute(attributes, SESSION_BAGGAGE_KEY);
  const parentId = idAttribute(attributes, PARENT_CALL_BAGGAGE_KEY);
  return {
    id: spanCallId(traceId, spanId),
    projectName: text('observatory.project') ?? projectName,
    sessionId: sessionId ?? traceSessionId(traceId),
    ...(parentId ? { parentId } : {}),
    // The AI SDK names providers "openai.chat", "anthropic.messages": keep the vendor.
    provider: isAiSdk ? provider.split('.')[0] : provider,
    modelName,
    promptTokens: tokens.promptTokens?.value,
    completionTokens: tokens.completionTokens?.value,
    cachedPromptTokens: tokens.cachedPromptTokens?.value,
    cacheWriteTokens: tokens.cacheWriteTokens?.value,
    reasoningTokens: tokens.reasoningTokens?.value,
    timestamp: new Date(Number(start / 1_000_000n)),
    latencyMs: Number(end - start) / 1e6,
    ttftMs: typeof ttftSeconds === 'number' ? ttftSeconds * 1000 : typeof ttftMs === 'number' ? ttftMs : undefined,
    agentName: text('gen_ai.agent.name'),
    operationName: text('ai.telemetry.functionId') ?? text('gen_ai.operation.name') ?? text('llm.request.type'),
    prompt: messagesText(attributes, ['gen_ai.input.messages', 'ai.prompt.messages', 'ai.prompt'], 'gen_ai.prompt'),
    responseText: messagesText(attributes, ['gen_ai.output.messages', 'ai.response.text'], 'gen_ai.completion'),
    finishReason: finishReason(attributes),
    error: failed || errorType ? span.status?.message || errorType || 'error' : undefined,
    metadata: {
      otel: {
        traceId,
        spanId,
        ...(parentSpanId ? { parentSpanId } : {}),
        ...(span.name ? { spanName: span.name } : {}),
        ...(conversationId ? { conversationId } : {}),
      },
    },
  };
}

/** Each token count as a non-negative integer, and the cache and reasoning parts within their totals. */
function readTokens(attributes: Map<string, AttributeValue>): Partial<Record<TokenField, TokenCount>> {
  const tokens: Partial<Record<TokenField, TokenCount>> = {};
  for (const [field, names] of Object.entries(TOKEN_ATTRIBUTES) as Array<[TokenField, readonly string[]]>) {
    const attribute = names.find((name) => attributes.get(name) != null);
    if (!attribute) continue;
    const value = attributes.get(attribute);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new SpanRejection(attribute, value, 'must be a non-negative integer token count');
    }
    tokens[field] = { attribute, value };
  }
  const { promptTokens, cachedPromptTokens, cacheWriteTokens, completionTokens, reasoningTokens } = tokens;
  const cacheParts = (cachedPromptTokens?.value ?? 0) + (cacheWriteTokens?.value ?? 0);
  if (promptTokens && cacheParts > promptTokens.value) {
    const part = cachedPromptTokens && cachedPromptTokens.value > 0 ? cachedPromptTokens : cacheWriteTokens;
    throw new SpanRejection(
      (part ?? promptTokens).attribute,
      (part ?? promptTokens).value,
      `cache tokens (${cacheParts} in all) exceed ${promptTokens.attribute} (${promptTokens.value}), which must include them`,
    );
  }
  if (completionTokens && reasoningTokens && reasoningTokens.value > completionTokens.value) {
    throw new SpanRejection(
      reasoningTokens.attribute,
      reasoningTokens.value,
      `exceeds ${completionTokens.attribute} (${completionTokens.value}), which must include it`,
    );
  }
  return tokens;
}

/** Prompt or response text: a messages attribute as given, else OpenLLMetry's indexed `<prefix>.N.content`. */
function messagesText(attributes: Map<string, AttributeValue>, names: string[], indexedPrefix: string) {
  for (const name of names) {
    const value = attributes.get(name);
    if (typeof value === 'string' && value !== '') return value;
    if (value != null && typeof value === 'object') return JSON.stringify(value);
  }
  const pattern = new RegExp(`^${indexedPrefix.replace('.', '\\.')}\\.(\\d+)\\.content$`);
  const parts: Array<[number, string]> = [];
  for (const [key, value] of attributes) {
    const index = pattern.exec(key)?.[1];
    if (index !== undefined && typeof value === 'string') parts.push([Number(index), value]);
  }
  return parts.length
    ? parts
        .sort((a, b) => a[0] - b[0])
        .map(([, content]) => content)
        .join('\n\n')
    : undefined;
}

function finishReason(attributes: Map<string, AttributeValue>): string | undefined {
  const reasons = attributes.get('gen_ai.response.finish_reasons');
  if (Array.isArray(reasons) && typeof reasons[0] === 'string') return reasons[0];
  // The Anthropic SDK's own tracing writes the Message's stop_reason under its own name.
  for (const name of [
    'ai.response.finishReason',
    'anthropic.message.stop_reason',
    'gen_ai.completion.0.finish_reason',
  ]) {
    const value = attributes.get(name);
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** An id attribute: a string (recordCall checks it like any id), absent, or the span is rejected. */
function idAttribute(attributes: Map<string, AttributeValue>, name: string): string | undefined {
  const value = attributes.get(name);
  if (value == null) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new SpanRejection(name, value, 'must be a non-blank string');
  return value;
}

function readId(id: string | Uint8Array | null | undefined, field: string, hexLength: number): string {
  const hex = toHex(id);
  if (hex.length !== hexLength || !/^[0-9a-f]+$/.test(hex) || /^0+$/.test(hex)) {
    throw new SpanRejection(field, id, `must be ${hexLength / 2} bytes (${hexLength} hex digits), not all zero`);
  }
  return hex;
}

function readNanos(value: string | number | null | undefined, field: string): bigint {
  try {
    const nanos = BigInt(value ?? '');
    if (nanos > 0n) return nanos;
  } catch {
    // Not an integer: rejected below.
  }
  throw new SpanRejection(field, value, 'must be a positive integer (nanoseconds since the epoch)');
}
