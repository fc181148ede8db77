import type { CacheMetadata, QualityEvaluation, RoutingDecision } from './models.js';
import type { RecordCallInput } from './record-input.js';

/**
 * What the caller knows about a call that the provider's response does not carry: the
 * options every response-recording adapter (OpenAI, Anthropic, …) accepts.
 */
export interface AdapterCallOptions {
  /** Wall-clock duration of the request in milliseconds. Wins over `startTime`. */
  latencyMs?: number;
  /**
   * Taken just before the request: a `Date`, `Date.now()`, or `performance.now()` (a number
   * below 1e11 is read as `performance.now()`). Latency is measured from it to the moment
   * the response is recorded.
   */
  startTime?: Date | number;
  /** Time to first token in milliseconds, when streamed. */
  ttftMs?: number;
  agentName?: string;
  operationName?: string;
  /** Session to attach the call to; default: the active `withSession`, else the implicit session. */
  sessionId?: string;
  /** Id of the enclosing call or span. */
  parentId?: string;
  /** Prompt text to store; wins over the one serialized from `request`. */
  prompt?: string;
  /** Response text to store; wins over the one read from the response (use it for streams). */
  responseText?: string;
  /** Finish reason to store; wins over the one read from the response. */
  finishReason?: string;
  /** Your own fields; merged over the ones the adapter adds. */
  metadata?: Record<string, unknown>;
  routingDecision?: RoutingDecision;
  cacheMetadata?: CacheMetadata;
  qualityEvaluation?: QualityEvaluation;
}

/** Read as `performance.now()` below this (about 1973 as epoch milliseconds). */
const EPOCH_THRESHOLD_MS = 1e11;

/** The `recordCall` fields that come straight from adapter options. */
export function toAdapterCallFields(
  options: AdapterCallOptions,
): Pick<
  RecordCallInput,
  | 'latencyMs'
  | 'ttftMs'
  | 'agentName'
  | 'operationName'
  | 'sessionId'
  | 'parentId'
  | 'routingDecision'
  | 'cacheMetadata'
  | 'qualityEvaluation'
> {
  return {
    latencyMs: options.latencyMs ?? elapsedSince(options.startTime),
    ttftMs: options.ttftMs,
    agentName: options.agentName,
    operationName: options.operationName,
    sessionId: options.sessionId,
    parentId: options.parentId,
    routingDecision: options.routingDecision,
    cacheMetadata: options.cacheMetadata,
    qualityEvaluation: options.qualityEvaluation,
  };
}

function elapsedSince(start: Date | number | undefined): number | undefined {
  if (start == null) return undefined;
  if (start instanceof Date) return Math.max(0, Date.now() - start.getTime());
  if (typeof start !== 'number' || !Number.isFinite(start)) return undefined;
  const now = start < EPOCH_THRESHOLD_MS ? performance.now() : Date.now();
  return Math.max(0, now - start);
}

/** The fields that have a value: metadata stays free of null and undefined keys. */
export function compactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    if (fields[key] != null) out[key] = fields[key];
  }
  return out;
}
