import { createHash } from 'node:crypto';
import type { Observatory } from './observatory.js';
import { getActiveSession } from './session-context.js';
import { VALUE_RULES } from './value-rules.js';

/** An Observatory session, and the call that made the request, as one service hands them to the next. */
export interface SessionTraceContext {
  sessionId: string;
  /** The call whose work the next service continues: its calls take it as `parentId`. */
  parentCallId?: string;
}

/**
 * W3C Trace Context headers to send with a request: `fetch(url, { headers: { ...headers } })`.
 * A type, not an interface, so it is a `Record<string, string>` wherever headers are taken.
 */
export type SessionTraceHeaders = {
  traceparent: string;
  baggage: string;
};

/** The headers of a request: a fetch `Headers`, or a record such as Node's `req.headers`. */
export type IncomingTraceHeaders =
  | { get(name: string): string | null }
  | Record<string, string | readonly string[] | undefined>;

/** Baggage keys, also read from span attributes by the dashboard's OTLP ingest (`POST /v1/traces`). */
export const SESSION_BAGGAGE_KEY = 'observatory.session_id';
export const PARENT_CALL_BAGGAGE_KEY = 'observatory.parent_call_id';

/** The one version this writes; flags 01 = sampled, so a parent-based sampler keeps the next service's spans. */
const TRACEPARENT_PREFIX = '00';
const SAMPLED = '01';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** version-traceid-parentid-flags, lowercase hex only (W3C Trace Context, section 3.2). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** A baggage key is an RFC 7230 token; a value is percent-encoded baggage-octets (W3C Baggage, section 3.3.1). */
const BAGGAGE_KEY = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAGGAGE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/**
 * The session (and the call that makes the request) as W3C `traceparent` and `baggage`
 * headers, so the next service's calls land in the same session:
 *
 * - the trace id is the session id's 32 hex digits when it is a lowercase UUID (the ids
 *   `startSession` / `withSession` create), which is exactly the session the dashboard's
 *   OTLP ingest files that trace's spans under; any other id gets a trace id hashed from it
 *   (SHA-256), and its spans need `observatory.session_id` (see the README);
 * - the parent span id is hashed from `parentCallId` (or from the session id without one):
 *   span ids are 8 bytes, too short to hold a call id, so the call id travels in baggage;
 * - `baggage` always carries `observatory.session_id`, and `observatory.parent_call_id`
 *   when given, percent-encoded.
 *
 * Returns null for a session id `recordCall` would refuse (blank, over 128 characters, or
 * holding U+0000): spreading null into a headers object adds nothing, and nothing is
 * thrown into the host app. An unusable `parentCallId` is left out.
 *
 * @example
 * const call = obs.recordCall({ sessionId: session.id, provider: 'openai', modelName: 'gpt-4o', promptTokens: 900, completionTokens: 120 })
 * await fetch('http://billing/answer', { headers: { ...sessionTraceHeaders({ sessionId: session.id, parentCallId: call?.id }) } })
 */
export function sessionTraceHeaders(context: {
  sessionId: string;
  parentCallId?: string | null;
}): SessionTraceHeaders | null {
  const sessionId = validId(context.sessionId);
  if (sessionId === undefined) return null;
  const parentCallId = validId(context.parentCallId);
  const sessionDigest = sha256Hex(sessionId);
  const traceId = UUID.test(sessionId) && !/^[0-]+$/.test(sessionId) ? sessionId.replaceAll('-', '') : sessionDigest;
  const spanId = parentCallId === undefined ? sessionDigest.slice(32, 48) : sha256Hex(parentCallId).slice(0, 16);
  const baggage = [`${SESSION_BAGGAGE_KEY}=${encodeURIComponent(sessionId)}`];
  if (parentCallId !== undefined) baggage.push(`${PARENT_CALL_BAGGAGE_KEY}=${encodeURIComponent(parentCallId)}`);
  return {
    traceparent: `${TRACEPARENT_PREFIX}-${nonZero(traceId.slice(0, 32))}-${nonZero(spanId)}-${SAMPLED}`,
    baggage: baggage.join(','),
  };
}

/**
 * {@link sessionTraceHeaders} for the session `obs.withSession` is running here, or null
 * outside one (calls made outside `withSession` have no session to hand on; pass its id
 * to `sessionTraceHeaders` instead).
 *
 * @example
 * await obs.withSession('checkout', async () => {
 *   const call = obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 900, completionTokens: 120 })
 *   await fetch('http://billing/answer', { headers: { ...activeSessionTraceHeaders(obs, { parentCallId: call?.id }) } })
 * })
 */
export function activeSessionTraceHeaders(
  obs: Observatory,
  options: { parentCallId?: string | null } = {},
): SessionTraceHeaders | null {
  const session = getActiveSession(obs);
  return session ? sessionTraceHeaders({ sessionId: session.id, parentCallId: options.parentCallId }) : null;
}

/**
 * The session a request belongs to, read from its W3C `traceparent` and `baggage`
 * headers: `observatory.session_id` from baggage when present, else the trace id written
 * as a UUID (the session the dashboard's OTLP ingest files that trace's spans under, so
 * a request from any OpenTelemetry-traced service works too); `parentCallId` from
 * `observatory.parent_call_id`. Null when `traceparent` is missing or malformed (wrong
 * length or layout, uppercase hex, version ff, an all-zero id): never throws.
 *
 * @example
 * app.post('/answer', (req, res) => {
 *   const incoming = sessionFromTraceHeaders(req.headers)
 *   obs.recordCall({ sessionId: incoming?.sessionId, parentId: incoming?.parentCallId, provider: 'anthropic', modelName: 'claude-sonnet-4-5', promptTokens: 1200, completionTokens: 300 })
 * })
 */
export function sessionFromTraceHeaders(headers: IncomingTraceHeaders): SessionTraceContext | null {
  try {
    const traceId = readTraceId(headerValues(headers, 'traceparent'));
    if (traceId === undefined) return null;
    const baggage = readBaggage(headerValues(headers, 'baggage'));
    const sessionId = validId(baggage.get(SESSION_BAGGAGE_KEY)) ?? uuidOf(traceId);
    const parentCallId = validId(baggage.get(PARENT_CALL_BAGGAGE_KEY));
    return parentCallId === undefined ? { sessionId } : { sessionId, parentCallId };
  } catch {
    // A header object whose getters throw: the request is not ours to fail.
    return null;
  }
}

/** The id as `recordCall` would store it (trimmed), or undefined when it would refuse it. */
function validId(value: unknown): string | undefined {
  const parsed = VALUE_RULES.id.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An all-zero id is invalid in W3C Trace Context; a hash gives one only by a 1-in-2^64 chance, but never send it. */
function nonZero(hex: string): string {
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}

function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Every value of a header, whatever its case in a plain record. */
function headerValues(headers: IncomingTraceHeaders, name: string): string[] {
  if (typeof headers.get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value == null ? [] : [value];
  }
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) values.push(...value.filter((v): v is string => typeof v === 'string'));
  }
  return values;
}

/**
 * The trace id of a traceparent, per W3C Trace Context section 4.3: version 00 is exactly
 * 55 characters; a later version is read by the same layout with anything after a further
 * '-' ignored; version ff, uppercase hex and all-zero ids are invalid. More than one
 * traceparent header is ambiguous, hence invalid.
 */
function readTraceId(values: string[]): string | undefined {
  if (values.length !== 1) return undefined;
  const value = trimOws(values[0]);
  const version = value.slice(0, 2);
  if (version === 'ff') return undefined;
  if (version === '00' ? value.length !== 55 : value.length > 55 && value[55] !== '-') return undefined;
  const match = TRACEPARENT.exec(value.slice(0, 55));
  if (!match) return undefined;
  const [, , traceId, parentId] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  return traceId;
}

/**
 * The members of baggage headers (several headers are one comma-separated list), values
 * percent-decoded; properties after ';' are ignored. A member that breaks the format, or
 * whose value does not decode as UTF-8, is skipped; the first of a repeated key wins.
 */
function readBaggage(values: string[]): Map<string, string> {
  const members = new Map<string, string>();
  for (const member of values.join(',').split(',')) {
    const pair = member.split(';')[0];
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const key = trimOws(pair.slice(0, equals));
    const value = trimOws(pair.slice(equals + 1));
    if (!BAGGAGE_KEY.test(key) || !BAGGAGE_VALUE.test(value) || members.has(key)) continue;
    try {
      members.set(key, decodeURIComponent(value));
    } catch {
      // Malformed percent-encoding: this member is unreadable, the others still count.
    }
  }
  return members;
}

/** Without the optional white space (spaces and tabs) HTTP allows around values. */
function trimOws(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}
