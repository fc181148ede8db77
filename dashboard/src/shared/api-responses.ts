import type { BreakdownDimension, CrossBreakdownRow } from '@observatory/core';
import type {
  AlertChannel,
  AlertRule,
  AlertsResponse,
  AnomalyMarker,
  BreakdownRow,
  BudgetView,
  CacheResponse,
  CallRecord,
  CatalogModel,
  CostResponse,
  DashboardSettings,
  EmptyResponse,
  EstimateResponse,
  FiltersResponse,
  JudgeCompareResponse,
  JudgeResponse,
  LiveResponse,
  MetadataKeysResponse,
  MetaResponse,
  OverviewResponse,
  PromptsResponse,
  RouterResponse,
  ScenarioResponse,
  SessionDetailResponse,
  SessionListItem,
  SettingsResponse,
  TimeSeriesPoint,
} from './api-types.js';

/**
 * The 200 JSON body of every dashboard API route, keyed like the OpenAPI document's rows.
 * dashboard/scripts/generate-api-schemas.ts turns it into the JSON
 * Schemas the document serves; a test checks both the schemas and real responses.
 */
export interface ApiResponses {
  'GET /api/health': { status: 'ok' };
  'GET /api/openapi.json': { openapi: string; [key: string]: unknown };
  'GET /api/projects': string[];
  'GET /api/meta': MetaResponse;
  'GET /api/filters': FiltersResponse;
  'GET /api/overview': OverviewResponse;
  'GET /api/calls': {
    items: CallRecord[];
    /** Matching calls; with totalIsLowerBound, at least this many (counting stops at 10,000). */
    total: number;
    totalIsLowerBound: boolean;
    limit: number;
    offset: number;
    nextCursor: string | null;
  };
  'GET /api/calls/:id': CallRecord;
  'GET /api/sessions': { items: SessionListItem[]; limit: number; offset: number; nextCursor: string | null };
  'GET /api/sessions/:id': SessionDetailResponse;
  'GET /api/timeseries': {
    interval: 'hour' | 'day' | 'week';
    groupBy: BreakdownDimension | null;
    points: TimeSeriesPoint[];
  };
  'GET /api/matrix': { rows: BreakdownDimension; columns: BreakdownDimension; cells: CrossBreakdownRow[] };
  'GET /api/breakdown': {
    /** A dimension, or `metadata.KEY`. */
    by: string;
    rows: BreakdownRow[];
    /** `calls`: a metadata key that is not rolled up (or a narrowed one), read from the newest calls, slower. */
    source: 'rollups' | 'calls';
    /** `calls` only: calls before this time (epoch ms) were not read, the range held more than the scan bound. */
    scannedFrom: number | null;
  };
  'GET /api/metadata-keys': MetadataKeysResponse;
  'PUT /api/metadata-keys/:key': { key: string; named: true; addedCalls: number };
  'DELETE /api/metadata-keys/:key': { key: string; named: false; wasNamed: boolean };
  'GET /api/live': LiveResponse;
  'GET /api/cost': CostResponse;
  'GET /api/cost/scenario': ScenarioResponse;
  'GET /api/models/catalog': CatalogModel[];
  'GET /api/router': EmptyResponse | RouterResponse;
  'GET /api/cache': EmptyResponse | CacheResponse;
  'GET /api/judge': EmptyResponse | JudgeResponse;
  'GET /api/judge/compare': JudgeCompareResponse;
  'GET /api/prompts': EmptyResponse | PromptsResponse;
  'POST /api/prompts/estimate': EstimateResponse;
  'GET /api/settings': SettingsResponse;
  'PUT /api/settings': { settings: DashboardSettings };
  'GET /api/alerts': AlertsResponse;
  'POST /api/alerts/evaluate': AlertsResponse;
  'GET /api/alerts/rules': { items: AlertRule[] };
  'POST /api/alerts/rules': { rule: AlertRule };
  'PUT /api/alerts/rules/:id': { rule: AlertRule };
  'DELETE /api/alerts/rules/:id': { deleted: boolean };
  'GET /api/alerts/channels': { items: AlertChannel[] };
  'POST /api/alerts/channels': { channel: AlertChannel };
  'PUT /api/alerts/channels/:id': { channel: AlertChannel };
  'DELETE /api/alerts/channels/:id': { deleted: boolean };
  'POST /api/alerts/channels/:id/test': { ok: boolean; status: string; attempts: number };
  'GET /api/alerts/budgets': { items: BudgetView[] };
  'GET /api/alerts/anomalies': { by: 'model' | 'agent'; from: number; to: number; items: AnomalyMarker[] };
  /** Sessions and calls deleted, and the cut-off (ISO 8601). */
  'POST /api/retention/prune': { sessions: number; calls: number; before: string };
  /** Items now durable on the server, and the refused ones by index with the first bad field (`items[i]…`) and value. */
  'POST /api/calls': {
    accepted: number;
    rejected: Array<{ index: number; error: string; parameter: string; value: unknown }>;
  };
  /** OTLP ExportTraceServiceResponse, JSON encoding (int64 as a string); partialSuccess only when spans were refused. */
  'POST /v1/traces': { partialSuccess?: { rejectedSpans: string; errorMessage: string } };
}
