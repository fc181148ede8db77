import { request as httpRequest } from 'node:http';
import { ObservatoryError, ObservatoryValidationError } from './observatory-error.js';
import type { WriteItem } from './write-item.js';
import type { SinkResult, WriteSink } from './write-sink.js';

export interface HttpSinkOptions {
  /** The ingest endpoint, e.g. http://collector:7777/api/calls. */
  endpoint: string;
  /** Sent as `Authorization: Bearer <token>`; null sends none. */
  token: string | null;
  /** A request that takes longer is abandoned and the batch retried (the server skips what it already has). */
  timeoutMs: number;
  /** Receives items the server refused for good. */
  reportError: (error: unknown) => void;
}

/** One item the server refused, as POST /api/calls lists it. */
interface RejectedItem {
  index: number;
  error: string;
  parameter: string | null;
  value: unknown;
}

/**
 * Sends each batch to an Observatory server's `POST /api/calls`, which answers 200 once
 * the items are durable there (in its database or its disk spool). Anything else but a
 * refusal of the items themselves (400, or 413 for a single item) throws, so the writer
 * retries and spools exactly as it does when a database is away.
 */
export class HttpSink implements WriteSink {
  private readonly endpoint: URL;

  constructor(private readonly options: HttpSinkOptions) {
    this.endpoint = new URL(options.endpoint);
  }

  async write(items: WriteItem[]): Promise<SinkResult> {
    const { status, body: text } = await this.post(items);
    if (status === 413 && items.length > 1) {
      // The server takes smaller bodies than this batch: send it in halves. A half that
      // fails makes the writer resend the whole batch, which the server deduplicates.
      const half = Math.ceil(items.length / 2);
      const first = await this.write(items.slice(0, half));
      const second = await this.write(items.slice(half));
      return { written: first.written + second.written, dropped: first.dropped + second.dropped };
    }
    if (status >= 200 && status < 300)
      return this.countAccepted(items, parseJson(text) as { rejected?: RejectedItem[] });
    if (status === 400 || status === 413) {
      // The items themselves are refused; sending them again cannot help.
      this.options.reportError(
        new ObservatoryError(
          `${this.options.endpoint} refused a batch of ${items.length} items (${status}): ${errorText(text)}; they are dropped`,
        ),
      );
      return { written: 0, dropped: countCalls(items) };
    }
    throw new ObservatoryError(`${this.options.endpoint} answered ${status}: ${errorText(text)}`);
  }

  private async post(items: WriteItem[]): Promise<PostAnswer> {
    try {
      // Encoded once: given the string, `content-length` and the socket's write each encoded
      // it again (two more copies of a ~100 KB body per batch).
      const body = Buffer.from(JSON.stringify({ items: items.map(toWireItem) }));
      return await postJson(this.endpoint, body, this.options);
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error;
      throw new ObservatoryError(`POST ${this.options.endpoint} failed: ${reason}`, { cause: error });
    }
  }

  private countAccepted(items: WriteItem[], answer: { rejected?: RejectedItem[] }): SinkResult {
    const rejected = answer.rejected ?? [];
    if (rejected.length === 0) return { written: countCalls(items), dropped: 0 };
    this.options.reportError(
      new ObservatoryValidationError(
        `${this.options.endpoint} rejected ${rejected.length} of ${items.length} items`,
        rejected.map((r) => ({ field: r.parameter ?? `items[${r.index}]`, value: r.value, message: r.error })),
      ),
    );
    const refused = new Set(rejected.map((r) => r.index));
    const dropped = items.filter((item, i) => item.kind === 'call' && refused.has(i)).length;
    return { written: countCalls(items) - dropped, dropped };
  }
}

interface PostAnswer {
  status: number;
  body: string;
}

/**
 * One POST through `node:http`, not `fetch`: undici cost the host 13–24 MB more memory and
 * 7–19 µs more CPU per call (BENCHMARKS.md, "Seventh session"). The default agent keeps the
 * connection alive between batches and does not hold the process open.
 */
async function postJson(url: URL, body: Buffer, options: HttpSinkOptions): Promise<PostAnswer> {
  const request = url.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': body.length,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers, signal: AbortSignal.timeout(options.timeoutMs) },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * A call as the body carries it: its dates as epoch milliseconds. `JSON.stringify` on Date
 * objects takes its slow path; a copy with numbers costs less than that (BENCHMARKS.md,
 * "Thirteenth session"). Other items are rare and go as they are.
 */
function toWireItem(item: WriteItem): unknown {
  if (item.kind !== 'call') return item;
  const { call } = item;
  return { kind: 'call', call: { ...call, timestamp: call.timestamp.getTime(), createdAt: call.createdAt.getTime() } };
}

function countCalls(items: WriteItem[]): number {
  let calls = 0;
  for (const item of items) if (item.kind === 'call') calls++;
  return calls;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The server's `error` field when it answered JSON, else the start of its text. */
function errorText(text: string): string {
  const error = (parseJson(text) as { error?: unknown }).error;
  return typeof error === 'string' ? error : text.slice(0, 200) || '(empty body)';
}
