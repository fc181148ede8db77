/**
 * Shapes of the dashboard API's JSON responses, shared by the server's tests and the web
 * app. Dates are epoch milliseconds unless named otherwise; money is US dollars.
 */

import type {
  AgentGraph,
  BreakdownRow,
  CallTotals,
  LatencyPercentiles,
  LLMCall,
  Overview,
  QualityEvaluation,
  RoutingDecision,
  Session,
  SessionCallSummary,
  TimeSeriesPoint,
} from '@observatory/core';

/** A value as JSON carries it: dates become ISO strings (what `c.json` writes). */
export type Json<T> = unknown extends T
  ? T
  : T extends Date
    ? string
    : T extends ReadonlyArray<infer U>
      ? Json<U>[]
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/** A stored record as the API sends it: its date fields as ISO strings, the rest as stored. */
export type DatesAsStrings<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

import type { AlertChannel } from './alert-channel.js';
import type { AlertEvent as StoredAlertEvent } from './alert-event.js';
import type { AlertRule } from './alert-rule.js';
import type { AnomalyMarker, BudgetView, RuleState } from './alert-status.js';
import type { AlertSettings, DashboardSettings } from './dashboard-settings.js';

/** Core's own shapes, sent as they are (no dates in them). */
export type {
  AlertSettings,
  BreakdownRow,
  DashboardSettings,
  Overview,
  QualityEvaluation,
  RoutingDecision,
  TimeSeriesPoint,
};
/** A stored call as the API sends it (core's LLMCall, dates as ISO strings). */
export type CallRecord = DatesAsStrings<LLMCall>;
/** A stored session as the API sends it. */
export type SessionRecord = DatesAsStrings<Session>;
/** A session in the sessions list: the stored session and what its calls add (agents, models, token parts). */
export type SessionListItem = SessionRecord & { calls: SessionCallSummary };
/**
 * Every call of a session as the timeline draws it, column by column: entry i of each array
 * is the session's i-th call in time order. A 10,000-call run is about 0.8 MB this way
 * rather than 2.5 MB as one object per call (the response's bulk, to send and to parse).
 */
export interface SessionTimeline {
  /** Start of the first call (ISO); `startMs` counts from it. */
  start: string | null;
  ids: string[];
  startMs: number[];
  latencyMs: number[];
  /** Time to first token, where it was recorded. */
  ttftMs: Array<number | null>;
  /** Index of the call's parent in these arrays; -1: no parent among this session's calls. */
  parent: number[];
  /** Index into `agents`. */
  agent: number[];
  /** Agent names (null: calls recorded without an agent). */
  agents: Array<string | null>;
  /** Index into `models`. */
  model: number[];
  models: string[];
  /** Dollars. */
  cost: number[];
  /** Indexes of the calls that failed. */
  failed: number[];
}
export type { AgentGraph, SessionCallSummary };

/** How much of a call's prompt re-sends the previous prompt of the same agent. */
export interface StepContext {
  callId: string;
  /** Characters of the prompt that begin exactly as that previous prompt did. */
  repeatedChars: number;
  promptChars: number;
  /** The same share of the call's prompt tokens. */
  repeatedTokens: number;
  /**
   * Dollars this call would have saved had the repeated prefix been read from the
   * provider's prompt cache (beyond what it already read from it); null: no known price.
   */
  cacheSavings: number | null;
}

/** Sums over every call of a session. */
export interface SessionTotals {
  calls: number;
  errorCalls: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  totalCost: number;
  latencyMs: number;
}

/** GET /api/sessions/:id: the session, totals and steps of all its calls, the agent graph, one page of calls. */
export interface SessionDetailResponse {
  session: SessionRecord;
  totals: SessionTotals;
  /** Every call of the session in time order, for the timeline. */
  timeline: SessionTimeline;
  graph: AgentGraph;
  /** Calls of this page in time order, texts cut to a preview. */
  calls: CallRecord[];
  /** The context each call of the page re-sends, in the same order. */
  context: StepContext[];
  nextCursor: string | null;
}

/** An alert that fired or resolved, as the API sends it. */
export type AlertEvent = DatesAsStrings<StoredAlertEvent>;

/** Totals over a set of calls, exactly as core's query layer computes them. */
export type { CallTotals };
/** Latency percentiles from the hourly histograms. */
export type Percentiles = LatencyPercentiles;

export interface OverviewResponse extends Overview {
  from: number | null;
  to: number | null;
  previous: Overview | null;
}

export interface MetaResponse {
  version: string;
  database: string;
  dialect: 'sqlite' | 'postgresql';
  now: number;
  authRequired: boolean;
  calls: number;
  firstDay: number | null;
  display: DashboardSettings['display'];
}

export interface FiltersResponse {
  models: string[];
  agents: string[];
  operations: string[];
}

export interface LiveEvent {
  id: string;
  sessionId: string;
  projectName: string;
  timestamp: number;
  provider: string;
  modelName: string;
  agentName: string | null;
  operationName: string | null;
  promptTokens: number;
  completionTokens: number;
  totalCost: number;
  latencyMs: number;
  error: string | null;
  prompt: string | null;
  cacheHit: boolean | null;
  judgeScore: number | null;
  routed: boolean;
}

/** GET /api/metadata-keys: the keys rolled up, and the keys seen in recent calls' metadata. */
export interface MetadataKeysResponse {
  /** Rolled up like models and agents: breakdowns by them read rollups. */
  named: string[];
  /** Top-level keys with a text, number or boolean value among the newest calls, most frequent first. */
  seen: Array<{ key: string; calls: number }>;
  /** How many of the newest calls `seen` looked at. */
  sampledCalls: number;
}

export interface LiveResponse {
  window: '5m' | '15m' | '1h' | '24h';
  now: number;
  from: number;
  bucketMs: number;
  totals: {
    calls: number;
    errors: number;
    errorRate: number;
    cost: number;
    tokens: number;
    avgLatencyMs: number;
    p95LatencyMs: number | null;
    callsPerMinute: number;
  };
  series: Array<{ time: number; calls: number; errors: number; cost: number }>;
  agents: Array<{
    agent: string;
    calls: number;
    errors: number;
    cost: number;
    avgLatencyMs: number;
    lastSeen: number | null;
  }>;
  events: LiveEvent[];
}

export interface MeanEstimate {
  n: number;
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
}

export interface RateEstimate {
  rate: number | null;
  low: number | null;
  high: number | null;
}

export interface WelchResult {
  difference: number;
  low: number;
  high: number;
  t: number;
  df: number;
  pValue: number;
}

export interface ForecastPoint {
  day: number;
  cost: number;
  low: number;
  high: number;
}

export interface CostForecast {
  history: Array<{ day: number; cost: number }>;
  horizonDays: number;
  runRatePerDay: number;
  simple: { total: number; low: number; high: number; day: { low: number; high: number } };
  advanced: { total: number; low: number; high: number; slopePerDay: number; points: ForecastPoint[] } | null;
}

export interface Recommendation {
  kind: 'switch_model' | 'prompt_cache';
  title: string;
  detail: string;
  monthlySavings: number;
  scenario?: { agent: string; model: string; target: string; targetProvider: string };
}

/** How many response-cache hits were priced by each basis, the closest first. */
export interface CacheHitBasis {
  /** The average miss of the hit's agent and model. */
  agentModel: number;
  /** No miss of that pair in range: the agent's average miss over its models. */
  agent: number;
  /** The model's average miss over its agents. */
  model: number;
  /** The average miss of every call in range. */
  all: number;
  /** No miss in range at all. */
  unpriced: number;
}

export interface CostResponse {
  range: { from: number | null; to: number; days: number };
  totals: Overview;
  daily: Array<{ day: number; cost: number; calls: number }>;
  forecast: CostForecast | null;
  byModel: BreakdownRow[];
  byAgent: BreakdownRow[];
  byOperation: BreakdownRow[];
  savings: {
    routing: { calls: number; dollars: number };
    /** Each hit priced as the call it replaced; `pricedBy` counts hits per basis (see priceCacheHits). */
    responseCache: { lookups: number; hits: number; dollars: number; pricedBy: CacheHitBasis };
    promptCache: { cachedTokens: number; dollars: number };
    total: number;
  };
  recommendations: Recommendation[];
}

export interface ScenarioResponse {
  scope: { agent: string | null; model: string | null; operation: string | null };
  target: { model: string; provider: string };
  calls: number;
  days: number;
  currentCost: number;
  projectedCost: number;
  difference: number;
  monthlyDifference: number;
  perModel: Array<{ model: string; calls: number; cost: number; projected: number | null }>;
  quality: { current: MeanEstimate; target: MeanEstimate; test: WelchResult | null };
  latency: { currentAvgMs: number; targetAvgMs: number | null };
}

export interface CatalogModel {
  provider: string;
  model: string;
  inputPerMTok: number;
  cachedInputPerMTok: number;
  outputPerMTok: number;
}

export interface EmptyResponse {
  empty: true;
  totalCalls?: number;
}

export interface RouterResponse {
  empty: false;
  interval: 'hour' | 'day' | 'week';
  kpis: {
    routedCalls: number;
    totalCalls: number;
    routedShare: number;
    savings: number;
    modelsChosen: number;
    avgJudgeScore: number | null;
  };
  distribution: Array<{ model: string; provider?: string; routedCalls: number; share: number }>;
  trend: Array<{ time: number; model: string; routedCalls: number }>;
  matrix: Array<{
    model: string;
    column: string;
    calls: number;
    routedCalls: number;
    costPerCall: number;
    errorRate: number | null;
    judge: MeanEstimate;
  }>;
  scatter: Array<{
    model: string;
    provider?: string;
    calls: number;
    routedCalls: number;
    costPerCall: number;
    avgLatencyMs: number;
    judge: MeanEstimate;
  }>;
  considered: Array<{ model: string; considered: number; chosen: number; winRate: RateEstimate; avgScore: number }>;
  examples: Array<{
    id: string;
    timestamp: number;
    agentName: string | null;
    operationName: string | null;
    modelName: string;
    decision: RoutingDecision | null;
    totalCost: number;
    latencyMs: number;
    error: string | null;
    judgeScore: number | null;
    prompt: string | null;
  }>;
  sample: { size: number; scannedFrom: number | null };
}

/**
 * Prompts of one template (or one prompt sent more than once) in the Cache Analyzer's sample.
 * A response cache serves only repeats of the same prompt, so what it could save comes from
 * `repeats`, not from the template's other fills.
 */
export interface CacheCluster {
  /** Id of the representative call (stable while the sample slides). */
  id: string;
  /** Sampled calls in the cluster. */
  size: number;
  /** Distinct prompts (requests, see repeats): the template's different fills; 1 for one prompt repeated. */
  uniquePrompts: number;
  /** Calls that repeat an earlier call's prompt word for word (one number may differ): what a response cache could serve. */
  repeats: number;
  /** Mean similarity of the template text (the word triples other prompts share) of the members to the representative's. */
  similarity: number;
  /** The most repeated prompt, up to 400 characters; from a little before where it departs from another listed cluster's, after "…", when they open alike. */
  representative: string;
  /** Other distinct prompts of the cluster, each from where it departs from the representative (after "…"). */
  examples: string[];
  agents: Array<{ name: string; calls: number }>;
  models: Array<{ name: string; calls: number }>;
  userClusterIds: Array<{ name: string; calls: number }>;
  cost: number;
  avgPromptTokens: number;
  lookups: number;
  hits: number;
  hitRate: number | null;
  /** Share of the cluster's calls a response cache could have served (`repeats / size`), 0–100. */
  cacheability: number;
  /** Dollars of the sampled calls a response cache would have saved: each repeat's cost after its prompt's first miss. */
  savable: number;
  monthlySavings: number;
  firstSeen: number;
  lastSeen: number;
}

export interface CacheResponse {
  empty: false;
  interval: 'hour' | 'day' | 'week';
  kpis: {
    lookups: number;
    hits: number;
    hitRate: RateEstimate;
    /** Share of the sampled calls a response cache could have served: repeats of an earlier call's prompt. */
    cacheableShare: number;
    /** Templates, and prompts sent more than once, in the sample. */
    clusters: number;
    /** The sampled calls' savable share of their cost, applied to monthlySpend: never above it. */
    potentialMonthlySavings: number;
    /** The range's spend per month (its spend × 30 / its days). */
    monthlySpend: number;
  };
  timeline: Array<{ time: number; lookups: number; hits: number; misses: number }>;
  byAgent: Array<{ agent: string; lookups: number; hits: number; hitRate: RateEstimate }>;
  clusters: CacheCluster[];
  recommendations: Array<{ title: string; detail: string; monthlySavings: number }>;
  sample: {
    size: number;
    scannedFrom: number | null;
    spanDays: number;
    /** What the sampled calls cost: savings are shares of it. */
    cost: number;
    /** Sampled calls in a cluster (a template, or a prompt sent more than once). */
    clusteredCalls: number;
    /** Sampled calls that repeat an earlier call's prompt. */
    repeatCalls: number;
    /** Template similarity at which prompts are linked, 0–1. */
    threshold: number;
    method: string;
  };
}

export interface JudgeExample {
  id: string;
  timestamp: number;
  agentName: string | null;
  modelName: string;
  evaluation: QualityEvaluation | null;
  prompt: string | null;
  responseText: string | null;
}

export interface LeaderboardRow {
  key: string;
  provider: string | null;
  score: MeanEstimate;
  hallucinationRate: RateEstimate;
  costPerCall: number;
  calls: number;
}

export interface JudgeResponse {
  empty: false;
  interval: 'hour' | 'day' | 'week';
  kpis: {
    judgedCalls: number;
    coverage: number;
    score: MeanEstimate;
    hallucinations: RateEstimate & { count: number };
    factualErrors: RateEstimate & { count: number };
  };
  trend: Array<MeanEstimate & { time: number; hallucinations: number }>;
  leaderboards: { model: LeaderboardRow[]; agent: LeaderboardRow[] };
  errorCategories: Array<{ category: string; count: number; share: number; avgScore: number }>;
  histogram: Array<{ score: number; count: number }>;
  best: JudgeExample[];
  worst: JudgeExample[];
  sample: { size: number; scannedFrom: number | null };
}

export interface JudgeCompareResponse {
  by: 'model' | 'agent';
  a: { name: string; score: MeanEstimate; hallucinations: RateEstimate; costPerCall: number | null };
  b: { name: string; score: MeanEstimate; hallucinations: RateEstimate; costPerCall: number | null };
  test: WelchResult | null;
}

export interface PromptVariant {
  variant: string;
  calls: number;
  judged: number;
  score: MeanEstimate;
  cost: MeanEstimate;
  promptTokens: number;
  completionTokens: number;
  latency: MeanEstimate & { p95: number };
  errorRate: RateEstimate;
  hallucinationRate: RateEstimate;
  routedShare: number;
  models: Array<{ model: string; calls: number; share: number }>;
  firstSeen: number;
  lastSeen: number;
  prompt: string | null;
  promptProvider: string;
  promptModel: string;
  vsBaseline: WelchResult | null;
}

export interface PromptPair {
  row: string;
  column: string;
  winRate: number | null;
  wins: number;
  losses: number;
  ties: number;
  pairs: number;
  pValue: number | null;
}

export interface PromptsResponse {
  empty: false;
  keys: { promptId: string; variant: string };
  prompts: Array<{ promptId: string; calls: number; baseline: string; variants: PromptVariant[]; pairs: PromptPair[] }>;
  sample: { size: number; scannedFrom: number | null };
}

export interface EstimateResponse {
  promptId: string | null;
  variant: string | null;
  chars: number;
  observedCalls: number;
  callsPerDay: number;
  perModel: Array<{
    model: string;
    provider: string;
    calls: number;
    share: number;
    encoding: string;
    approximate: boolean;
    editedTokens: number;
    originalTokens: number | null;
    tokenDelta: number;
    avgPromptTokens: number;
    priced: boolean;
    currentCostPerCall: number;
    projectedCostPerCall: number;
    monthlyDelta: number;
  }>;
  monthlyDelta: number;
}

export interface SettingsResponse {
  settings: DashboardSettings;
  database: {
    description: string;
    dialect: string;
    sizeBytes: number | null;
    calls: number;
    sessions: number;
    rollupRows: number;
    firstHour: number | null;
    lastHour: number | null;
  };
  projects: Array<{ name: string; calls: number; cost: number }>;
  performance: Array<{ route: string; count: number; p50Ms: number; p95Ms: number }>;
  version: string;
}

export interface AlertsResponse {
  evaluatedAt: number;
  /** Settings' master switch: false evaluates nothing. */
  enabled: boolean;
  rules: RuleState[];
  /** Events open now. */
  firing: AlertEvent[];
  /** The newest events, open or resolved. */
  events: AlertEvent[];
}

export type { AlertChannel, AlertRule, AnomalyMarker, BudgetView, RuleState };
