// The loopback sink the peer SDKs export to: one HTTP server on 127.0.0.1 that takes
// OTLP/HTTP traces (`…/v1/traces`, protobuf or JSON: OpenLLMetry, OpenInference, and
// Langfuse at `/api/public/otel/v1/traces`), LangSmith's run ingestion and Observatory's
// `POST /api/calls` (its ingestUrl), answers as the
// real services do (200, LangSmith's `GET /info`), and counts what arrived. Children run one
// at a time, so `reset()` before a child and `counts()` after it gives that child's numbers.
import { createServer } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { collectLangSmithRuns } from './count-langsmith-runs.mjs';
import { countOtlpSpans } from './count-otlp-spans.mjs';

// What the LangSmith client reads from `GET /info`: multipart ingestion, no compression
// flags, so runs arrive as plain multipart (see README, "Known limits").
const LANGSMITH_INFO = { version: 'observatory-bench-sink', batch_ingest_config: { use_multipart_endpoint: true } };

function decode(body, encoding) {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  if (!encoding || encoding === 'identity') return body;
  throw new Error(`unsupported content-encoding ${encoding}`);
}

/** Starts the sink; resolves to `{ url, reset, counts, close }`. */
export async function startSink() {
  let state;
  const reset = () => {
    state = {
      spans: 0,
      calls: 0,
      runs: { created: new Set(), ended: new Set() },
      requests: 0,
      bytes: 0,
      errors: [],
      other: {},
    };
  };
  reset();

  const handle = (req, body) => {
    const path = new URL(req.url, 'http://sink').pathname;
    state.requests++;
    state.bytes += body.length;
    if (req.method === 'GET' && path.endsWith('/info')) return LANGSMITH_INFO;
    const decoded = decode(body, req.headers['content-encoding']);
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && path.endsWith('/v1/traces')) {
      state.spans += countOtlpSpans(decoded, contentType);
      return {};
    }
    if (req.method === 'POST' && path === '/api/calls') {
      // Observatory's ingestUrl: { items: [{ kind: 'call' | 'session' | …, … }] }.
      const { items } = JSON.parse(decoded.toString('utf8'));
      state.calls += items.filter((item) => item.kind === 'call').length;
      return {};
    }
    if (/\/runs(\/|$)/.test(path)) {
      collectLangSmithRuns(state.runs, { method: req.method, path, contentType, body: decoded });
      return {};
    }
    const key = `${req.method} ${path}`;
    state.other[key] = (state.other[key] ?? 0) + 1;
    return {};
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let reply;
      try {
        reply = handle(req, Buffer.concat(chunks));
      } catch (error) {
        state.errors.push(`${req.method} ${req.url}: ${error.message}`);
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  // Exporters keep connections alive; never let the server time them out mid-run.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    reset,
    counts: () => ({
      spans: state.spans,
      calls: state.calls,
      runsCreated: state.runs.created.size,
      runsEnded: state.runs.ended.size,
      requests: state.requests,
      bytes: state.bytes,
      errors: state.errors,
      other: state.other,
    }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
