import { type Observatory, ObservatoryValidationError, parseCallInput, type RecordCallInput } from '@observatory/core';
import type { TraceRejections } from './encode-trace-response.js';
import type { OtlpTraceRequest } from './otlp-trace-request.js';
import { readAttributes, toHex } from './read-attributes.js';
import { spanToCall } from './span-to-call.js';

/** What one export request came to. */
export interface TraceIngestResult extends TraceRejections {
  /** Spans recorded as calls. */
  calls: number;
  /** Spans that are not LLM calls. */
  skipped: number;
}

/** Rejections spelled out in errorMessage; the count covers all of them. */
const MAX_LISTED_REJECTIONS = 10;

/**
 * Record every LLM-call span of an OTLP export request through `recordCall` (validated,
 * normalized and priced like any call), then wait until they are written, so a 200 means
 * stored. A bad span is rejected on its own; the good spans around it are recorded.
 */
export async function ingestTraceRequest(
  observatory: Observatory,
  request: OtlpTraceRequest,
): Promise<TraceIngestResult> {
  const result: TraceIngestResult = { calls: 0, skipped: 0, rejectedSpans: 0, errorMessage: '' };
  const reasons: string[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const projectName = resourceProject(readAttributes(resourceSpans?.resource?.attributes));
    for (const scopeSpans of resourceSpans?.scopeSpans ?? []) {
      for (const span of scopeSpans?.spans ?? []) {
        const outcome = spanToCall(span, projectName);
        if (outcome.kind === 'skipped') {
          result.skipped++;
          continue;
        }
        const label = `span ${toHex(span.spanId) || '(no id)'}${span.name ? ` "${span.name}"` : ''}`;
        if (outcome.kind === 'rejected') {
          result.rejectedSpans++;
          reasons.push(
            `${label}: ${outcome.attribute} = ${JSON.stringify(outcome.value) ?? 'undefined'} ${outcome.reason}`,
          );
        } else if (recordSpanCall(observatory, outcome.call)) {
          result.calls++;
        } else {
          result.rejectedSpans++;
          reasons.push(`${label}: ${explainRefusal(outcome.call)}`);
        }
      }
    }
  }
  if (result.calls > 0) await observatory.flush();
  const unlisted = reasons.length - MAX_LISTED_REJECTIONS;
  result.errorMessage = [
    ...reasons.slice(0, MAX_LISTED_REJECTIONS),
    ...(unlisted > 0 ? [`… and ${unlisted} more`] : []),
  ].join('; ');
  return result;
}

/** recordCall, refusing rather than throwing when the Observatory is strict: one bad span never fails the others. */
function recordSpanCall(observatory: Observatory, call: RecordCallInput): boolean {
  try {
    return observatory.recordCall(call) !== undefined;
  } catch (error) {
    if (ObservatoryValidationError.isInstance(error)) return false;
    throw error;
  }
}

/** Why recordCall refused a span's call: each bad field and its value, by the rules every way in shares. */
function explainRefusal(call: RecordCallInput): string {
  try {
    parseCallInput(call);
  } catch (error) {
    if (ObservatoryValidationError.isInstance(error)) {
      return error.issues
        .map((issue) => `${issue.field} = ${JSON.stringify(issue.value) ?? 'undefined'}: ${issue.message}`)
        .join('; ');
    }
  }
  return 'refused by recordCall (the server log has the reason)';
}

/**
 * The project of a resource: `observatory.project`, else `service.name` unless it is the
 * SDKs' placeholder (`unknown_service:node`); undefined leaves the server's default.
 */
function resourceProject(attributes: Map<string, unknown>): string | undefined {
  const explicit = attributes.get('observatory.project');
  if (typeof explicit === 'string' && explicit.trim()) return explicit;
  const service = attributes.get('service.name');
  if (typeof service === 'string' && service.trim() && !service.startsWith('unknown_service')) return service;
  return undefined;
}
