// OTLP/HTTP ingest throughput: an app's own OpenTelemetry SDK (BatchSpanProcessor + the
// real protobuf OTLP exporter) sends GenAI spans to `observatory serve`'s POST /v1/traces,
// which prices them and writes them before it answers. Measured from the first span to the
// last call stored, against recordCall writing the same number of calls directly.
// Run: npx tsx --conditions=@observatory/source bench/otlp-ingest-throughput.ts [spans] [sqlite|postgres]
import { join } from 'node:path';
import { Observatory } from '@observatory/core';
import { createTestDatabase } from '@observatory/core/test';
import { startServer } from '@observatory/dashboard';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { benchCall, formatNumber, tempDir } from './bench-utils.js';

const total = Number(process.argv[2] ?? 50_000);
const kind = process.argv[3] === 'postgres' ? 'postgres' : 'sqlite';
const SPANS_PER_TRACE = 5;
const EXPORT_BATCH = 2000;

async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'postgres') return createTestDatabase('postgres');
  return { url: join(tempDir(name), 'bench.db'), drop: async () => {} };
}

/** Resolves once exactly `count` calls are stored; throws if they are not within a minute. */
async function waitForCalls(obs: Observatory, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const stored = await obs.storage.countLlmCalls();
    if (stored === count) return;
    if (stored > count || Date.now() > deadline) throw new Error(`${count} spans sent, ${stored} calls stored`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function otlpCallsPerSecond(): Promise<number> {
  const database = await freshDatabase('otlp');
  const server = await startServer({ databaseUrl: database.url, port: 0, webRoot: null, token: null });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'otlp-bench' }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${server.url}/v1/traces`, timeoutMillis: 60_000 }), {
        maxExportBatchSize: EXPORT_BATCH,
        // Room for every span (root spans too): the processor drops what does not fit.
        maxQueueSize: total * 2 + EXPORT_BATCH,
        scheduledDelayMillis: 100,
      }),
    ],
  });
  const tracer = provider.getTracer('bench');
  const reader = new Observatory({ databaseUrl: database.url, flushOnExit: false });
  const started = performance.now();
  const now = Date.now();
  for (let i = 0; i < total; i += SPANS_PER_TRACE) {
    await tracer.startActiveSpan('agent run', async (root) => {
      for (let j = i; j < Math.min(total, i + SPANS_PER_TRACE); j++) {
        const call = benchCall(j);
        const span = tracer.startSpan(`chat ${call.modelName}`, {
          startTime: now - 1000,
          attributes: {
            'gen_ai.provider.name': call.provider,
            'gen_ai.operation.name': 'chat',
            'gen_ai.request.model': call.modelName,
            'gen_ai.usage.input_tokens': call.promptTokens,
            'gen_ai.usage.cache_read.input_tokens': call.cachedPromptTokens,
            'gen_ai.usage.output_tokens': call.completionTokens,
            'gen_ai.agent.name': call.agentName,
          },
        });
        span.end(now - 1000 + call.latencyMs);
      }
      root.end();
    });
    if (i % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await provider.forceFlush();
  await waitForCalls(reader, total);
  const seconds = (performance.now() - started) / 1000;
  await provider.shutdown();
  await reader.close();
  await server.close();
  await database.drop();
  return total / seconds;
}

async function directCallsPerSecond(): Promise<number> {
  const database = await freshDatabase('direct');
  const obs = new Observatory({ databaseUrl: database.url, projectName: 'direct-bench', flushOnExit: false });
  await obs.storage.store();
  const started = performance.now();
  for (let i = 0; i < total; i += SPANS_PER_TRACE) {
    const session = obs.startSession('agent run');
    for (let j = i; j < Math.min(total, i + SPANS_PER_TRACE); j++)
      obs.recordCall({ ...benchCall(j), sessionId: session.id });
    await obs.endSession(session);
    if (i % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await obs.flush();
  const seconds = (performance.now() - started) / 1000;
  await obs.close();
  await database.drop();
  return total / seconds;
}

const otlp = await otlpCallsPerSecond();
const direct = await directCallsPerSecond();
console.log(
  `${formatNumber(total, 0)} calls on ${kind}, ${SPANS_PER_TRACE} spans per trace, export batches of ${EXPORT_BATCH}`,
);
console.log(`OTLP/HTTP protobuf → POST /v1/traces: ${formatNumber(otlp, 0)} calls/s`);
console.log(`recordCall in the same process:      ${formatNumber(direct, 0)} calls/s`);
console.log(`ratio: ${(otlp / direct).toFixed(2)}`);
process.exit(0);
