import { API_RESPONSE_SCHEMAS } from './api-response-schemas.js';

/**
 * The OpenAPI 3.1 description of the dashboard API, served at /api/openapi.json. One row
 * per route: a test checks that the rows and the app's registered routes are the same set.
 * 200 bodies have the JSON Schemas generated from shared/api-responses.ts; a test checks
 * real responses against them.
 */
interface Endpoint {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono path, e.g. /api/calls/:id */
  path: string;
  summary: string;
  /** Query parameters besides the range ones (`range` takes project, range, from, to). */
  query?: string[];
  range?: boolean;
  body?: boolean;
  /** Media types of a 200 that is not JSON (its body is then described as text). */
  produces?: string[];
  /** Request body media types when not just application/json. */
  bodyTypes?: string[];
}

/** The filters of the calls list, shared by its export. */
const CALL_FILTERS = [
  'status',
  'model',
  'agent',
  'operation',
  'provider',
  'session',
  'minCost',
  'maxCost',
  'minLatency',
  'maxLatency',
  'meta',
  'q',
];

const ENDPOINTS: Endpoint[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness: { status: "ok" }' },
  { method: 'get', path: '/api/openapi.json', summary: 'This document' },
  { method: 'get', path: '/api/projects', summary: 'Project names' },
  { method: 'get', path: '/api/meta', summary: 'Store, version, first and last call, auth mode' },
  { method: 'get', path: '/api/filters', summary: 'Models, agents and operations in range', range: true },
  {
    method: 'get',
    path: '/api/overview',
    summary: 'KPIs: cost, tokens, calls, latency p50/p95, error rate, …',
    range: true,
    query: ['compare'],
  },
  {
    method: 'get',
    path: '/api/calls',
    summary:
      'Calls, newest first, filtered (meta=key=value, q=words of the prompt or response) and paged by cursor: { items, total, nextCursor }',
    range: true,
    query: [...CALL_FILTERS, 'limit', 'offset', 'cursor'],
  },
  {
    method: 'post',
    path: '/api/calls',
    summary:
      'HTTP ingest: { items } recorded by remote Observatories; 200 { accepted, rejected } once durable, 413 past the body limit',
    body: true,
  },
  { method: 'get', path: '/api/calls/:id', summary: 'One call in full' },
  {
    method: 'get',
    path: '/api/sessions',
    summary:
      'Sessions with their agents, models and token parts, filtered, sorted (start, cost, duration, calls) and paged by cursor: { items, nextCursor }',
    range: true,
    query: [
      'operation',
      'status',
      'agent',
      'model',
      'minCost',
      'maxCost',
      'minDuration',
      'maxDuration',
      'meta',
      'q',
      'sort',
      'order',
      'limit',
      'offset',
      'cursor',
    ],
  },
  {
    method: 'get',
    path: '/api/sessions/:id',
    summary:
      'One session: totals over all its calls, every step (no texts), the agent graph, and a page of its calls with the context each re-sends',
    query: ['limit', 'cursor'],
  },
  {
    method: 'get',
    path: '/api/timeseries',
    summary: 'Totals per hour, day or week',
    range: true,
    query: ['groupBy', 'interval'],
  },
  {
    method: 'get',
    path: '/api/matrix',
    summary: 'Totals per pair of dimensions',
    range: true,
    query: ['rows', 'columns'],
  },
  {
    method: 'get',
    path: '/api/breakdown',
    summary:
      'Totals per model, agent, operation or provider, or per value of a metadata key (by=metadata.KEY: from rollups when the key is named, else from the newest calls)',
    range: true,
    query: ['by', 'model', 'agent', 'operation', 'provider'],
  },
  {
    method: 'get',
    path: '/api/live',
    summary: 'Live window: rates, agent activity, newest calls',
    range: true,
    query: ['window'],
  },
  {
    method: 'get',
    path: '/api/cost',
    summary: 'Spend, run-rate forecast with range, savings, recommendations',
    range: true,
    query: ['horizon'],
  },
  {
    method: 'get',
    path: '/api/cost/scenario',
    summary: 'Real traffic repriced on another model',
    range: true,
    query: ['target', 'targetProvider', 'agent', 'model', 'operation'],
  },
  { method: 'get', path: '/api/models/catalog', summary: 'Models with prices, for scenarios', range: true },
  {
    method: 'get',
    path: '/api/router',
    summary: 'Routing decisions: distribution, effectiveness, cost vs quality, examples',
    range: true,
    query: ['columns'],
  },
  {
    method: 'get',
    path: '/api/cache',
    summary:
      'Cache hit rates, prompt templates and the repeats a response cache could serve (threshold: template similarity, %)',
    range: true,
    query: ['sample', 'threshold'],
  },
  {
    method: 'get',
    path: '/api/judge',
    summary: 'Judge scores with intervals, leaderboards, errors, examples',
    range: true,
  },
  {
    method: 'get',
    path: '/api/judge/compare',
    summary: 'A/B comparison of two models or agents (Welch t-test)',
    range: true,
    query: ['by', 'a', 'b'],
  },
  {
    method: 'get',
    path: '/api/prompts',
    summary: 'Prompt variants with intervals and the win/loss heatmap',
    range: true,
  },
  {
    method: 'post',
    path: '/api/prompts/estimate',
    summary: 'Tokens and cost of an edited prompt against its real traffic',
    range: true,
    body: true,
  },
  { method: 'get', path: '/api/settings', summary: 'Dashboard settings' },
  { method: 'get', path: '/api/metadata-keys', summary: 'Metadata keys rolled up, and keys seen in recent calls' },
  {
    method: 'put',
    path: '/api/metadata-keys/:key',
    summary: 'Roll a metadata key up (its stored calls are added once; writes wait meanwhile)',
  },
  { method: 'delete', path: '/api/metadata-keys/:key', summary: 'Stop rolling a metadata key up; delete its rollups' },
  { method: 'put', path: '/api/settings', summary: 'Save dashboard settings', body: true },
  { method: 'get', path: '/api/alerts', summary: "Each alert rule's state, the open alerts and the newest events" },
  { method: 'post', path: '/api/alerts/evaluate', summary: 'Evaluate every alert rule now' },
  { method: 'get', path: '/api/alerts/rules', summary: 'Alert rules: budgets, thresholds, anomaly detection' },
  {
    method: 'post',
    path: '/api/alerts/rules',
    summary: 'Add an alert rule (kind budget | threshold | anomaly; a 400 names a bad field)',
    body: true,
  },
  { method: 'put', path: '/api/alerts/rules/:id', summary: 'Replace an alert rule', body: true },
  { method: 'delete', path: '/api/alerts/rules/:id', summary: 'Delete an alert rule (its events stay)' },
  { method: 'get', path: '/api/alerts/channels', summary: 'Alert channels, secrets shown as ********' },
  {
    method: 'post',
    path: '/api/alerts/channels',
    summary: 'Add a channel: Slack webhook, signed webhook or SMTP email',
    body: true,
  },
  {
    method: 'put',
    path: '/api/alerts/channels/:id',
    summary: 'Replace a channel (a secret sent back as ******** is kept)',
    body: true,
  },
  { method: 'delete', path: '/api/alerts/channels/:id', summary: 'Delete a channel no rule uses' },
  { method: 'post', path: '/api/alerts/channels/:id/test', summary: 'Send a test notification to a channel' },
  {
    method: 'get',
    path: '/api/alerts/anomalies',
    summary: 'The hours each model or agent was anomalous in the range (cost, calls, error rate, p95, tokens per call)',
    range: true,
    query: ['by'],
  },
  {
    method: 'get',
    path: '/api/alerts/budgets',
    summary: "Each budget's spend this period per group, run-rate and when it runs out",
    query: ['project'],
  },
  {
    method: 'post',
    path: '/api/retention/prune',
    summary: 'Delete sessions older than the retention setting',
    body: true,
  },
  {
    method: 'get',
    path: '/api/export',
    summary: 'Calls as CSV or NDJSON, streamed: exactly the set the calls list filters',
    range: true,
    query: ['format', ...CALL_FILTERS],
    produces: ['text/csv', 'application/x-ndjson'],
  },
  {
    method: 'post',
    path: '/v1/traces',
    summary:
      'OTLP/HTTP trace ingest (gzip allowed): LLM spans become calls; 200 ExportTraceServiceResponse with partialSuccess for rejected spans, 415 for other types',
    body: true,
    bodyTypes: ['application/json', 'application/x-protobuf'],
  },
];

const RANGE_PARAMETERS = ['project', 'range', 'from', 'to'];

/** Every method and Hono path the document describes, as `GET /api/calls/:id`. */
export function describedRoutes(): string[] {
  return ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path}`);
}

export function buildOpenApiDocument(version: string): { openapi: string; [key: string]: unknown } {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    const openApiPath = endpoint.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    const pathParameters = [...endpoint.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParameters = [...(endpoint.range ? RANGE_PARAMETERS : []), ...(endpoint.query ?? [])].map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: { type: 'string' },
    }));
    paths[openApiPath] ??= {};
    paths[openApiPath][endpoint.method] = {
      summary: endpoint.summary,
      parameters: [...pathParameters, ...queryParameters],
      ...(endpoint.body
        ? {
            requestBody: {
              content: Object.fromEntries(
                (endpoint.bodyTypes ?? ['application/json']).map((type) => [type, { schema: { type: 'object' } }]),
              ),
            },
          }
        : {}),
      responses: {
        '200': okResponse(endpoint),
        '400': { description: 'A parameter is invalid: { error, parameter, value }' },
        '401': { description: 'A token is required (OBSERVATORY_TOKEN is set)' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Observatory dashboard API', version },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: API_RESPONSE_SCHEMAS.components,
    },
    paths,
  };
}

/** The 200 response: the route's generated body schema (a plain object for routes without one yet). */
function okResponse(endpoint: Endpoint): Record<string, unknown> {
  if (endpoint.produces) {
    return {
      description: 'OK',
      content: Object.fromEntries(endpoint.produces.map((type) => [type, { schema: { type: 'string' } }])),
    };
  }
  const schema = API_RESPONSE_SCHEMAS.routes[`${endpoint.method.toUpperCase()} ${endpoint.path}`] ?? { type: 'object' };
  return { description: 'OK', content: { 'application/json': { schema } } };
}
