import { describe, expect, it } from 'vitest';
import { activeSessionTraceHeaders, sessionFromTraceHeaders, sessionTraceHeaders } from './session-trace-headers.js';
import { createTestObservatory } from './test/create-test-observatory.js';

const SESSION = '0199a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const CALL = '0199a3b4-5c70-7123-8456-789abcdef012';
/** The example of W3C Trace Context, section 3.2.2 (an OpenTelemetry service's request). */
const W3C_EXAMPLE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
/** version 00, 32 and 16 lowercase hex digits, flags 01 (sampled). */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
/** Baggage-octets only (W3C Baggage): no space, DQUOTE, comma, semicolon or backslash. */
const BAGGAGE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+=[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*)(,[^,]+)*$/;

function traceparentParts(headers: { traceparent: string } | null) {
  const match = TRACEPARENT.exec(headers?.traceparent ?? '');
  if (!match) throw new Error(`not a version-00 sampled traceparent: ${JSON.stringify(headers)}`);
  return { traceId: match[1], spanId: match[2] };
}

describe('sessionTraceHeaders', () => {
  it('makes a UUID session id the trace id, so the trace’s spans are filed under that session', () => {
    const headers = sessionTraceHeaders({ sessionId: SESSION, parentCallId: CALL });
    expect(traceparentParts(headers).traceId).toBe(SESSION.replaceAll('-', ''));
    expect(headers?.baggage).toBe(`observatory.session_id=${SESSION},observatory.parent_call_id=${CALL}`);
    expect(sessionFromTraceHeaders(headers ?? {})).toEqual({ sessionId: SESSION, parentCallId: CALL });
  });

  it('hashes any other session id into a stable trace id and carries the id itself, percent-encoded, in baggage', () => {
    const sessionId = 'checkout 42; ü, "quoted" =\\';
    const headers = sessionTraceHeaders({ sessionId });
    const { traceId } = traceparentParts(headers);
    expect(traceId).toBe(traceparentParts(sessionTraceHeaders({ sessionId })).traceId);
    expect(traceId).not.toBe(traceparentParts(sessionTraceHeaders({ sessionId: 'checkout 43' })).traceId);
    expect(headers?.baggage).toMatch(BAGGAGE);
    expect(sessionFromTraceHeaders(headers ?? {})).toEqual({ sessionId });
    // An uppercase UUID is not what the OTLP ingest writes for a trace id: hashed, carried in baggage.
    const upper = sessionTraceHeaders({ sessionId: SESSION.toUpperCase() });
    expect(traceparentParts(upper).traceId).not.toBe(SESSION.replaceAll('-', ''));
    expect(sessionFromTraceHeaders(upper ?? {})).toEqual({ sessionId: SESSION.toUpperCase() });
  });

  it('derives the parent span id from the parent call, one per call, and from the session without one', () => {
    const spanOf = (parentCallId?: string) =>
      traceparentParts(sessionTraceHeaders({ sessionId: SESSION, parentCallId })).spanId;
    expect(spanOf(CALL)).toBe(spanOf(CALL));
    expect(spanOf(CALL)).not.toBe(spanOf(`${CALL.slice(0, -1)}3`));
    expect(spanOf()).toBe(spanOf());
    expect(spanOf()).not.toBe(spanOf(CALL));
  });

  it('returns null for a session id recordCall would refuse, and leaves out an unusable parent call id', () => {
    for (const sessionId of ['', '   ', 'x'.repeat(129), 'a\u0000b', undefined as unknown as string]) {
      expect(sessionTraceHeaders({ sessionId }), JSON.stringify(sessionId)).toBeNull();
    }
    const headers = sessionTraceHeaders({ sessionId: SESSION, parentCallId: ' ' });
    expect(headers).toEqual(sessionTraceHeaders({ sessionId: SESSION }));
    expect(sessionTraceHeaders({ sessionId: SESSION, parentCallId: null })).toEqual(headers);
  });
});

describe('activeSessionTraceHeaders', () => {
  it('hands on the session withSession runs, and nothing outside one', async () => {
    const t = await createTestObservatory();
    try {
      expect(activeSessionTraceHeaders(t.obs)).toBeNull();
      const seen = await t.obs.withSession('checkout', (session) => {
        const call = t.obs.recordCall({
          provider: 'openai',
          modelName: 'gpt-4o',
          promptTokens: 10,
          completionTokens: 2,
        });
        const headers = activeSessionTraceHeaders(t.obs, { parentCallId: call?.id });
        return { session, call, incoming: sessionFromTraceHeaders(headers ?? {}) };
      });
      expect(seen.incoming).toEqual({ sessionId: seen.session.id, parentCallId: seen.call?.id });
      await t.obs.flush();
      expect(await t.obs.storage.getSession(seen.session.id)).toMatchObject({ operationType: 'checkout' });
    } finally {
      await t.cleanup();
    }
  });
});

describe('sessionFromTraceHeaders', () => {
  it('reads a request from any OpenTelemetry-traced service: the trace id as a UUID is the session', () => {
    expect(sessionFromTraceHeaders({ traceparent: W3C_EXAMPLE })).toEqual({
      sessionId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736',
    });
  });

  it('reads fetch Headers, and Node’s header records whatever the case of their keys', () => {
    const { traceparent, baggage } = sessionTraceHeaders({ sessionId: 'run-7', parentCallId: CALL }) ?? {};
    const expected = { sessionId: 'run-7', parentCallId: CALL };
    expect(sessionFromTraceHeaders(new Headers({ Traceparent: traceparent ?? '', Baggage: baggage ?? '' }))).toEqual(
      expected,
    );
    expect(sessionFromTraceHeaders({ TraceParent: traceparent, BAGGAGE: [baggage ?? ''] })).toEqual(expected);
    // Several baggage headers are one list; properties and optional white space are allowed.
    expect(
      sessionFromTraceHeaders({
        traceparent,
        baggage: ['tenant=acme;ttl=30', ` observatory.session_id = run-7 ;meta , observatory.parent_call_id=${CALL}`],
      }),
    ).toEqual(expected);
  });

  it.each([
    ['uppercase hex', W3C_EXAMPLE.toUpperCase()],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', `ff${W3C_EXAMPLE.slice(2)}`],
    ['version 00 with a further field', `${W3C_EXAMPLE}-00`],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['a non-hex flag', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g'],
    ['a later version run into a further field', `01${W3C_EXAMPLE.slice(2)}00`],
    ['two traceparent headers', [W3C_EXAMPLE, W3C_EXAMPLE]],
    ['no traceparent', undefined],
    ['an empty traceparent', ''],
  ])('returns null for %s, whatever the baggage says', (_, traceparent) => {
    expect(sessionFromTraceHeaders({ traceparent, baggage: `observatory.session_id=${SESSION}` })).toBeNull();
  });

  it('reads a later version by version 00’s layout, ignoring further fields, as W3C Trace Context requires', () => {
    expect(sessionFromTraceHeaders({ traceparent: `cc${W3C_EXAMPLE.slice(2)}-what-the-future-holds` })).toEqual({
      sessionId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736',
    });
    expect(sessionFromTraceHeaders({ traceparent: ` ${W3C_EXAMPLE}\t` })).not.toBeNull();
  });

  it('skips baggage members it cannot read and falls back to the trace id', () => {
    const fallback = { sessionId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736' };
    for (const baggage of [
      'observatory.session_id=%E0%A4%A',
      'observatory.session_id="quoted"',
      'observatory.session_id',
      `observatory.session_id=${'x'.repeat(129)}`,
      'observatory.parent_call_id=%00',
    ]) {
      expect(sessionFromTraceHeaders({ traceparent: W3C_EXAMPLE, baggage }), baggage).toEqual(fallback);
    }
  });

  it('never throws into the host app, even when reading a header does', () => {
    const hostile = {
      get() {
        throw new Error('headers already sent');
      },
    };
    expect(sessionFromTraceHeaders(hostile)).toBeNull();
  });
});
