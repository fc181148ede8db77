import { randomBytes } from 'node:crypto';

/** A random id in a vendor's style, e.g. `chatcmpl-9f…`, `msg_01…`. */
export function vendorId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** A JSON reply, as an API server sends it. */
export function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * A server-sent-event reply whose events arrive as the generator yields them, so the SDK's
 * own stream decoder reads them with the simulated delays in between.
 */
export function eventStreamReply(events: AsyncIterable<string>, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', ...headers } });
}

/** The parsed JSON body of a fetch call made by an SDK. */
export async function readJsonBody(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Record<string, unknown>> {
  if (typeof init?.body === 'string') return JSON.parse(init.body) as Record<string, unknown>;
  if (input instanceof Request) return (await input.json()) as Record<string, unknown>;
  return {};
}

/** The URL of a fetch call. */
export function requestUrl(input: string | URL | Request): string {
  return input instanceof Request ? input.url : String(input);
}

/** Text of a message's content: a string, or an array of blocks with `text`. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: { type?: string; text?: string; content?: unknown; name?: string; input?: unknown }) => {
      if (typeof block.text === 'string') return block.text;
      if (block.type === 'tool_result') return contentText(block.content);
      if (block.type === 'tool_use') return `[tool_use ${block.name}(${JSON.stringify(block.input)})]`;
      return `[${block.type ?? 'block'}]`;
    })
    .join('\n');
}

/**
 * Keep a stalled request open until the client gives up: until the request's abort signal
 * fires (the SDK's own timer), or until the client's timeout — which the OpenAI and
 * Anthropic SDKs send in `X-Stainless-Timeout`, in seconds — has passed in simulated time
 * (`timeScale`). Then fail the way fetch fails on an abort, which the SDKs report as a
 * connection timeout (`APIConnectionTimeoutError`).
 */
export async function stallUntilTimeout(
  input: string | URL | Request,
  init: RequestInit | undefined,
  timeScale: number,
): Promise<never> {
  const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
  const timeoutMs = Number(headers.get('x-stainless-timeout') ?? 600) * 1000;
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, timeoutMs * timeScale);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
  throw new DOMException('This operation was aborted', 'AbortError');
}

/** `fetch`'s signature, as the OpenAI and Anthropic clients accept it. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
