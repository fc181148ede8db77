import {
  type CallFilter,
  type MetadataMatch,
  SESSION_STATUSES,
  type SessionFilter,
  searchTerms,
} from '@observatory/core';
import type { Context } from 'hono';
import { BadRequest } from '../bad-request.js';
import { readAmount, readEnum, readRange, readText } from './query-params.js';

/** `meta=userId=42`: a top-level metadata key and the value it must have. */
function readMetadataMatch(c: Context): MetadataMatch | undefined {
  const raw = readText(c, 'meta', 1100);
  if (raw === undefined) return undefined;
  const equals = raw.indexOf('=');
  if (equals < 1) throw new BadRequest('meta', raw, 'key=value, such as userId=42');
  return { key: raw.slice(0, equals).trim(), value: raw.slice(equals + 1).trim() };
}

/** `q`: words that must all occur in a call's prompt or response. */
function readSearch(c: Context): string | undefined {
  const q = readText(c, 'q', 500);
  if (q === undefined) return undefined;
  try {
    searchTerms(q);
  } catch {
    throw new BadRequest('q', q, 'at least one word (letters or digits)');
  }
  return q;
}

/**
 * The filters of the calls list and its export: project, range, model, agent, operation,
 * provider, session, status (error|ok), minCost/maxCost (dollars), minLatency/maxLatency
 * (ms), meta (key=value) and q (words of the prompt or response).
 */
export function readCallFilter(c: Context, now: number): CallFilter {
  const status = readEnum(c, 'status', ['error', 'ok'] as const);
  return {
    ...readRange(c, now),
    modelName: readText(c, 'model'),
    agentName: readText(c, 'agent'),
    operationName: readText(c, 'operation'),
    provider: readText(c, 'provider'),
    sessionId: readText(c, 'session', 128),
    hasError: status === undefined ? undefined : status === 'error',
    minCost: readAmount(c, 'minCost'),
    maxCost: readAmount(c, 'maxCost'),
    minLatencyMs: readAmount(c, 'minLatency'),
    maxLatencyMs: readAmount(c, 'maxLatency'),
    metadata: readMetadataMatch(c),
    text: readSearch(c),
  };
}

/**
 * The filters of the sessions list: project, range (on the start), operation, status
 * (success|failed|open|cancelled), agent, model, minCost/maxCost, minDuration/maxDuration
 * (ms), meta (key=value, on the session's metadata) and q (words of any of its calls).
 */
export function readSessionFilter(c: Context, now: number): SessionFilter {
  return {
    ...readRange(c, now),
    operationType: readText(c, 'operation'),
    status: readEnum(c, 'status', SESSION_STATUSES),
    agentName: readText(c, 'agent'),
    modelName: readText(c, 'model'),
    minCost: readAmount(c, 'minCost'),
    maxCost: readAmount(c, 'maxCost'),
    minDurationMs: readAmount(c, 'minDuration'),
    maxDurationMs: readAmount(c, 'maxDuration'),
    metadata: readMetadataMatch(c),
    text: readSearch(c),
  };
}

/** `cursor`: the `nextCursor` of the previous page, passed back as given. */
export function readCursor(c: Context): string | undefined {
  return readText(c, 'cursor', 512);
}
