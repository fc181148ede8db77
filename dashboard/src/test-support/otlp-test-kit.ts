import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Observatory } from '@observatory/core';
import { type DiagLogger, DiagLogLevel, diag, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as OTLPJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { createApp } from '../server/create-app.js';

/** A dashboard served on loopback by {@link startServer}. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** The dashboard served on a loopback port, as `observatory serve` does. */
export async function startServer(obs: Observatory, token?: string): Promise<TestServer> {
  const app = createApp(obs, { token, cacheRevalidateMs: 0, onError: () => {} });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ExporterKind = 'json' | 'protobuf' | 'protobuf+gzip';

/** The real OTLP/HTTP exporter of `kind`, posting to the dashboard at `url`. */
export function createExporter(kind: ExporterKind, url: string, headers?: Record<string, string>): SpanExporter {
  const config = { url: `${url}/v1/traces`, headers, timeoutMillis: 5000 };
  if (kind === 'json') return new OTLPJsonExporter(config);
  return new OTLPProtoExporter(kind === 'protobuf+gzip' ? { ...config, compression: 'gzip' as never } : config);
}

/** Finished spans from a real tracer provider, with `service.name` as the resource. */
export function recordSpans(serviceName: string, run: (tracer: Tracer) => void | Promise<void>) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  return Promise.resolve(run(provider.getTracer('test'))).then(() => memory.getFinishedSpans());
}

/**
 * What OpenTelemetry logs from now until `stop()`: an exporter logs a partialSuccess as a
 * warning, and a span processor reports a failed export as an error.
 */
export function watchDiagnostics() {
  const warnings: string[] = [];
  const errors: string[] = [];
  const text = (args: unknown[]) => args.map(String).join(' ');
  const logger: DiagLogger = {
    error: (...args: unknown[]) => errors.push(text(args)),
    info: () => {},
    debug: () => {},
    verbose: () => {},
    warn: (...args: unknown[]) => warnings.push(text(args)),
  };
  diag.setLogger(logger, DiagLogLevel.WARN);
  return { warnings, errors, stop: () => diag.disable() };
}

/** Export through the real exporter; resolves with its result code and the warnings it logged. */
export async function exportSpans(exporter: SpanExporter, spans: ReadableSpan[]) {
  const diagnostics = watchDiagnostics();
  try {
    const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
    return { ...result, warnings: diagnostics.warnings };
  } finally {
    diagnostics.stop();
  }
}

/**
 * A tracer provider for `service.name` = `project` that exports every span through the real
 * protobuf exporter to the dashboard at `serverUrl`, and keeps a copy in memory (for the
 * test to read trace ids).
 */
export function exportingTracerProvider(project: string, serverUrl: string) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': project }),
    spanProcessors: [new SimpleSpanProcessor(createExporter('protobuf', serverUrl)), new SimpleSpanProcessor(memory)],
  });
  return { provider, memory };
}
