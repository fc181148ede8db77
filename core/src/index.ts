export type { AdapterCallOptions } from './adapter-call-options.js';
export { compactFields, toAdapterCallFields } from './adapter-call-options.js';
export type { FieldSpec } from './call-fields.js';
export { CALL_COLUMNS, CALL_FIELDS, cellTypeOf, SESSION_COLUMNS, SESSION_FIELDS } from './call-fields.js';
export type { CustomPrice, CustomPrices } from './custom-prices.js';
export type { DatabaseTarget } from './database-url.js';
export { describeDatabaseUrl, parseDatabaseUrl, resolveDatabaseUrl } from './database-url.js';
export {
  configure,
  endTrackingSession,
  getDefaultObservatory,
  startTrackingSession,
  trackLlmCall,
} from './default-instance.js';
export type { OpenTelemetryExport } from './emit-gen-ai-span.js';
export { errorNameOf } from './error-name-of.js';
export { LATENCY_BUCKET_BOUNDS_MS, lowestLatencyReading, percentileFromHistogram } from './latency-buckets.js';
export type {
  CacheMetadata,
  CallMeasures,
  CostSource,
  LLMCall,
  QualityEvaluation,
  RoutingDecision,
  Session,
  UsageSource,
} from './models.js';
export { AgentRole, ModelProvider } from './models.js';
export type { NormalizedUsage, UsageInput } from './normalize-usage.js';
export { normalizeUsage } from './normalize-usage.js';
export type { EndSessionOptions, IngestResult, ObservatoryStats } from './observatory.js';
export { Observatory } from './observatory.js';
export type { FieldIssue } from './observatory-error.js';
export { ObservatoryError, ObservatoryValidationError } from './observatory-error.js';
export type { ObservatoryOptions } from './observatory-options.js';
export type { CallPrice } from './price-call.js';
export { priceCall } from './price-call.js';
export type { CallFilter, MetadataMatch } from './queries/call-filters.js';
export { searchTerms } from './queries/call-text-search.js';
export type { SessionCount } from './queries/count-sessions.js';
export type { DeleteResult } from './queries/delete-sessions-before.js';
export type { AggregateFilter } from './queries/filters.js';
export type { CallPage, LlmCallQuery } from './queries/find-calls.js';
export type { SessionFilter, SessionPage, SessionQuery } from './queries/find-sessions.js';
export type { BreakdownDimension, BreakdownRow } from './queries/get-breakdown.js';
export type { CrossBreakdownRow } from './queries/get-cross-breakdown.js';
export type { LatencyPercentiles } from './queries/get-latency-percentiles.js';
export type { MetadataBreakdown, MetadataBreakdownOptions } from './queries/get-metadata-breakdown.js';
export type { MetricLabels, MetricTotals } from './queries/get-metric-totals.js';
export type { Overview } from './queries/get-overview.js';
export type { RecentCallFigures, RecentCallFiguresQuery } from './queries/get-recent-call-figures.js';
export type { SessionStep } from './queries/get-session-steps.js';
export type { StoreStats } from './queries/get-store-stats.js';
export type { SeriesInterval, TimeSeriesPoint } from './queries/get-time-series.js';
export type { WindowActivity, WindowActivityGroup, WindowActivityQuery } from './queries/get-window-activity.js';
export type { CallSample, CallSampleQuery, CallSampleResult, SampleRequirement } from './queries/sample-calls.js';
export { SESSION_STATUSES, type SessionStatus } from './queries/session-statuses.js';
export type { StreamCallsQuery } from './queries/stream-llm-calls.js';
export type { StreamSessionsQuery } from './queries/stream-sessions.js';
export type { CallTotals } from './queries/sum-measures.js';
export { toCallTotals } from './queries/sum-measures.js';
export type { SessionCallSummary } from './queries/summarize-session-calls.js';
export type { RecordCallInput } from './record-input.js';
export { parseCallInput } from './record-input.js';
export { redactSecrets } from './redact-secrets.js';
export { reportAdapterError } from './report-adapter-error.js';
export {
  type AgentGraph,
  type AgentHandOff,
  type AgentNode,
  buildAgentGraph,
  NO_AGENT,
} from './session-agent-graph.js';
export {
  activeSessionTraceHeaders,
  type IncomingTraceHeaders,
  PARENT_CALL_BAGGAGE_KEY,
  SESSION_BAGGAGE_KEY,
  type SessionTraceContext,
  type SessionTraceHeaders,
  sessionFromTraceHeaders,
  sessionTraceHeaders,
} from './session-trace-headers.js';
export { ObservatoryStorage } from './storage.js';
export type { Store } from './store/create-store.js';
export { SESSION_SORTS, type SessionSort } from './store/session-sort-indexes.js';
export type { StoreDialect } from './store/store-dialect.js';
export type { ValueKind } from './value-rules.js';
export { storedCallSchema, storedSessionSchema, VALUE_RULES } from './value-rules.js';
