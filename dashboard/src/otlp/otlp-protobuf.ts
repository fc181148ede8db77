import generatedRoot from '@opentelemetry/otlp-transformer/build/src/generated/root.js';

/** What ingest uses of a protobufjs-generated message class. */
interface MessageType {
  decode(bytes: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  toObject(message: object, options: { longs: StringConstructor; defaults: boolean }): object;
}

interface TraceServiceMessages {
  ExportTraceServiceRequest: MessageType;
  ExportTraceServiceResponse: MessageType;
}

/**
 * The OTLP trace-service messages, from the protobufjs static code that the OpenTelemetry
 * JS project generated from opentelemetry-proto and shipped in @opentelemetry/otlp-transformer
 * (pinned at 0.216.0, the last release that ships the trace messages there; later releases
 * encode by hand and cannot decode a request).
 */
export const traceServiceMessages = (
  generatedRoot as unknown as {
    opentelemetry: { proto: { collector: { trace: { v1: TraceServiceMessages } } } };
  }
).opentelemetry.proto.collector.trace.v1;
