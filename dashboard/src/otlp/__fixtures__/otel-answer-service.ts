// Service B of session-across-services.test.ts: an app traced with OpenTelemetry only. For
// each POST /answer it extracts the caller's context with the real W3C propagators, makes
// one (pretend) model request as a GenAI client span under it, exports the span to the
// dashboard's POST /v1/traces with the real OTLP/HTTP JSON exporter and, once exported,
// answers with the span's ids. Prints "listening <port>" when ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sessionFromTraceHeaders } from '@observatory/core';
import { defaultTextMapGetter, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const [dashboardUrl, project] = process.argv.slice(2);
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': project }),
  spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${dashboardUrl}/v1/traces` }))],
});
const tracer = provider.getTracer('answer-service');
const propagator = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});

const server = createServer(async (req, res) => {
  const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
  // What @opentelemetry/baggage-span-processor does: the Observatory baggage entries become
  // span attributes, which the OTLP ingest reads as the session and the parent call.
  const baggage = propagation.getBaggage(parent);
  const observatoryEntries = Object.fromEntries(
    (baggage?.getAllEntries() ?? []).filter(([key]) => key.startsWith('observatory.')).map(([k, e]) => [k, e.value]),
  );
  const span = tracer.startSpan(
    'chat claude-sonnet-4-5',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'claude-sonnet-4-5',
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 300,
        ...observatoryEntries,
      },
    },
    parent,
  );
  span.end();
  await provider.forceFlush();
  res.setHeader('content-type', 'application/json');
  res.end(
    JSON.stringify({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: trace.getSpanContext(parent)?.spanId ?? null,
      baggage: observatoryEntries,
      pickedUp: sessionFromTraceHeaders(req.headers),
    }),
  );
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void provider.shutdown().then(() => process.exit(0));
});
