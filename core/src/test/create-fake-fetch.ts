/** One canned HTTP reply: a JSON body, or a server-sent-event stream given as its raw text. */
export interface FakeReply {
  status?: number;
  json?: unknown;
  sse?: string;
  headers?: Record<string, string>;
}

/** A request the fake server received. */
export interface FakeRequest {
  url: string;
  body: Record<string, unknown> | undefined;
}

/**
 * A `fetch` that answers every request with the reply built for it, so the real SDK client
 * sends a real request and parses a real-shaped response. SSE bodies are streamed one event
 * per chunk, as a server would, so the SDK's own stream decoder does the work.
 */
export function createFakeFetch(reply: FakeReply | ((request: FakeRequest) => FakeReply)) {
  const requests: FakeRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const request = { url, body };
    requests.push(request);
    const planned = typeof reply === 'function' ? reply(request) : reply;
    const headers = new Headers(planned.headers);
    if (planned.sse !== undefined) {
      headers.set('content-type', 'text/event-stream');
      return new Response(streamEvents(planned.sse), { status: planned.status ?? 200, headers });
    }
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(planned.json), { status: planned.status ?? 200, headers });
  };
  return { fetch, requests };
}

function streamEvents(text: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const events = text.split(/(?<=\n\n)/);
  return new ReadableStream({
    pull(controller) {
      const next = events.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}
