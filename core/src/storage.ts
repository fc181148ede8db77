import type { Knex } from '@mikro-orm/knex';
import type { LLMCall, Session } from './models.js';
import {
  DEFAULT_STORAGE_POLICY,
  prepareForStorage,
  prepareSessionForStorage,
  type StoragePolicy,
} from './prepare-for-storage.js';
import type { CallFilter } from './queries/call-filters.js';
import type { SessionCount } from './queries/count-sessions.js';
import type { DeleteResult } from './queries/delete-sessions-before.js';
import type { AggregateFilter } from './queries/filters.js';
import type { CallPage, LlmCallQuery } from './queries/find-calls.js';
import type { SessionPage, SessionQuery } from './queries/find-sessions.js';
import type { BreakdownDimension, BreakdownRow } from './queries/get-breakdown.js';
import type { CrossBreakdownRow } from './queries/get-cross-breakdown.js';
import type { MetadataBreakdown, MetadataBreakdownOptions } from './queries/get-metadata-breakdown.js';
import type { MetricTotals } from './queries/get-metric-totals.js';
import type { Overview } from './queries/get-overview.js';
import type { RecentCallFigures, RecentCallFiguresQuery } from './queries/get-recent-call-figures.js';
import type { SessionStep } from './queries/get-session-steps.js';
import type { StoreStats } from './queries/get-store-stats.js';
import type { SeriesInterval, TimeSeriesPoint } from './queries/get-time-series.js';
import type { WindowActivity, WindowActivityQuery } from './queries/get-window-activity.js';
import type { CallSampleQuery, CallSampleResult } from './queries/sample-calls.js';
import { SessionDayCounts } from './queries/session-day-counts.js';
import type { StreamCallsQuery } from './queries/stream-llm-calls.js';
import type { StreamSessionsQuery } from './queries/stream-sessions.js';
import type { CallTotals } from './queries/sum-measures.js';
import type { SessionCallSummary } from './queries/summarize-session-calls.js';
import type * as StorageQueries from './storage-queries.js';
import type { Store } from './store/create-store.js';
import { readMetadataRollupKeys } from './store/metadata-rollups.js';
import { knexDatabase, knexSql } from './store/sql-connection.js';
import type { WriteSink } from './write-sink.js';

/**
 * Queries over the store, shared by user code, the dashboard and the CLI. Every aggregate
 * reads the hourly rollups, so none scans all calls. Reads see what has been written;
 * call `obs.flush()` first to include calls still queued.
 */
export class ObservatoryStorage {
  /** Session counts of closed days, shared by the overview, store stats and session counts. */
  private readonly sessionCounts = new SessionDayCounts();
  private queryModule: Promise<typeof StorageQueries> | null = null;

  /**
   * @param policy how texts are stored (redaction, prompt capture, length): imported calls
   *   go through the same prepare step as recorded ones.
   * @param importSink where imported calls are written instead of through the store's own
   *   connection (an embedded libSQL file's writer thread); null for the store's connection.
   */
  constructor(
    private readonly getStore: () => Promise<Store>,
    private readonly policy: StoragePolicy = DEFAULT_STORAGE_POLICY,
    private readonly importSink: () => WriteSink | null = () => null,
  ) {}

  /** The open store (for advanced use: MikroORM entity manager, dialect). */
  store(): Promise<Store> {
    return this.getStore();
  }

  /** Sessions matching the filters, newest first by default (the first page of `findSessions`). */
  async getSessions(query: SessionQuery = {}): Promise<Session[]> {
    return (await this.findSessions(query)).items;
  }

  /** A page of sessions and the cursor of the next page: filters, sort and keyset paging. */
  async findSessions(query: SessionQuery = {}): Promise<SessionPage> {
    const store = await this.getStore();
    return (await this.queries()).findSessions(store.em, store.dialect, query);
  }

  async getSession(id: string): Promise<Session | null> {
    return (await this.queries()).getSession((await this.getStore()).em, id);
  }

  /** Every call of a session in time order without its texts: totals, timeline and agent graph. */
  async getSessionSteps(sessionId: string): Promise<SessionStep[]> {
    return (await this.queries()).getSessionSteps(await this.knex(), sessionId);
  }

  /** Agents, models, token parts and failed calls of each listed session. */
  async summarizeSessionCalls(sessionIds: string[]): Promise<Map<string, SessionCallSummary>> {
    return (await this.queries()).summarizeSessionCalls(await this.knex(), sessionIds);
  }

  /** Calls matching the filters, newest first by default (the first page of `findCalls`). */
  async getLlmCalls(query: LlmCallQuery = {}): Promise<LLMCall[]> {
    return (await this.findCalls(query)).items;
  }

  /** A page of calls and the cursor of the next page: filters, full-text search and keyset paging. */
  async findCalls(query: LlmCallQuery = {}): Promise<CallPage> {
    const store = await this.getStore();
    return (await this.queries()).findCalls(store.em, store.dialect, query);
  }

  /** How many calls match (counting at most `max`, so a broad filter stays cheap). */
  async countLlmCalls(filter: CallFilter = {}, max?: number): Promise<number> {
    const store = await this.getStore();
    return (await this.queries()).countLlmCalls(store.em, store.dialect, filter, max);
  }

  /**
   * Add calls written since the last run to SQLite's full-text index, at most `maxRows` in
   * one short write; returns how many (fewer than `maxRows`: caught up). PostgreSQL's index
   * is kept by the database: 0. Searches are complete either way (unindexed calls are scanned).
   */
  async indexCallText(maxRows?: number): Promise<number> {
    const store = await this.getStore();
    return (await this.queries()).indexCallText(store.em.getKnex(), store.dialect, maxRows);
  }

  async getDistinctProjects(): Promise<string[]> {
    return (await this.queries()).getDistinctProjects(await this.knex());
  }

  async getDistinctModels(projectName?: string): Promise<string[]> {
    return (await this.queries()).getDistinctRollupValues(await this.knex(), 'model_name', projectName);
  }

  async getDistinctAgents(projectName?: string): Promise<string[]> {
    return (await this.queries()).getDistinctRollupValues(await this.knex(), 'agent_name', projectName);
  }

  async getDistinctOperations(projectName?: string): Promise<string[]> {
    return (await this.queries()).getDistinctRollupValues(await this.knex(), 'operation_name', projectName);
  }

  /** Delete sessions started before `date` with their calls, keeping rollups consistent. */
  async deleteSessionsBefore(date: Date, projectName?: string): Promise<DeleteResult> {
    const store = await this.getStore();
    this.sessionCounts.clear();
    return (await this.queries()).deleteSessionsBefore(store.em, store.dialect, date, projectName);
  }

  /** KPIs: totals, cost, error rate, average and p50/p95/p99 latency, sessions. */
  async getOverview(filter: AggregateFilter = {}): Promise<Overview> {
    const store = await this.getStore();
    return (await this.queries()).getOverview(store.em.getKnex(), store.dialect, this.sessionCounts, filter);
  }

  /** Summed measures over a filter, without percentiles or sessions: the cheapest aggregate. */
  async getTotals(filter: AggregateFilter = {}): Promise<CallTotals> {
    return (await this.queries()).getTotals(await this.knex(), filter);
  }

  /** Start (epoch ms, UTC) of the first day with calls, optionally in one project; null when there is none. */
  async getFirstDay(projectName?: string): Promise<number | null> {
    return (await this.queries()).getFirstDay(await this.knex(), projectName);
  }

  /** Totals per model, agent, operation, provider or project. */
  async getBreakdown(by: BreakdownDimension, filter: AggregateFilter = {}): Promise<BreakdownRow[]> {
    return (await this.queries()).getBreakdown(await this.knex(), by, filter);
  }

  /**
   * Totals per value of a metadata key (`userId`, `tenantId`): from the key's rollups when it
   * is named (`nameMetadataKey`), else read from the newest calls (slower, bounded).
   */
  async getMetadataBreakdown(
    key: string,
    filter: AggregateFilter = {},
    options?: MetadataBreakdownOptions,
  ): Promise<MetadataBreakdown> {
    const store = await this.getStore();
    return (await this.queries()).getMetadataBreakdown(store.em.getKnex(), store.dialect, key, filter, options);
  }

  /** The metadata keys whose values are rolled up, like models and agents. */
  async getMetadataRollupKeys(): Promise<string[]> {
    return readMetadataRollupKeys(knexSql(await this.knex()));
  }

  /**
   * Roll a metadata key's values up from now on, and add the calls already stored (one
   * transaction: writes wait for it, so name keys before the store grows large). Returns
   * the stored calls added; 0 when the key was already named.
   */
  async nameMetadataKey(key: string): Promise<number> {
    const store = await this.getStore();
    return (await this.queries()).nameMetadataKey(store.em, store.dialect, key);
  }

  /** Stop rolling a metadata key up and delete its rollups; false when it was not named. */
  async forgetMetadataKey(key: string): Promise<boolean> {
    const store = await this.getStore();
    return (await this.queries()).forgetMetadataKey(store.em, store.dialect, key);
  }

  /** Totals per hour, day or week, optionally split by a dimension. */
  async getTimeSeries(
    filter: AggregateFilter & { interval?: SeriesInterval; groupBy?: BreakdownDimension; withP95?: boolean } = {},
  ): Promise<TimeSeriesPoint[]> {
    return (await this.queries()).getTimeSeries(await this.knex(), filter);
  }

  /**
   * Move sessions whose calls predate them (history recorded after the fact, e.g. by
   * `observatory demo`) to the time of their first and last call. Returns sessions moved.
   */
  async alignSessionTimes(projectName?: string): Promise<number> {
    const store = await this.getStore();
    const moved = await (await this.queries()).alignSessionTimes(store.em.getKnex(), store.dialect, projectName);
    this.sessionCounts.clear();
    return moved;
  }

  /** Refresh the database's query planner statistics: call it after writing a large history at once. */
  async refreshStatistics(): Promise<void> {
    const store = await this.getStore();
    await (await this.queries()).refreshStatistics(store.em.getKnex(), store.dialect);
  }

  /**
   * A bounded sample of recent calls (newest first) carrying a routing decision, cache
   * metadata, a judge verdict, a prompt or a metadata key: for analyses rollups cannot do.
   */
  async sampleCalls(query: CallSampleQuery = {}): Promise<CallSampleResult> {
    return (await this.queries()).sampleCalls(await this.knex(), query);
  }

  /** The cost, tokens and latency of a model's or an agent's newest calls in a range, one by one (anomalies judge a few calls against them). */
  async getRecentCallFigures(query: RecentCallFiguresQuery): Promise<RecentCallFigures> {
    const store = await this.getStore();
    return (await this.queries()).getRecentCallFigures(store.em.getKnex(), query);
  }

  /** A recent window's calls summed per bucket and agent, with its exact p95 latency (Live): no text is read. */
  async getWindowActivity(query: WindowActivityQuery): Promise<WindowActivity> {
    const store = await this.getStore();
    return (await this.queries()).getWindowActivity(store.em.getKnex(), store.dialect, query);
  }

  /** Totals per pair of dimensions (e.g. model × operation), from the rollups. */
  async getCrossBreakdown(
    rows: BreakdownDimension,
    columns: BreakdownDimension,
    filter: AggregateFilter = {},
  ): Promise<CrossBreakdownRow[]> {
    return (await this.queries()).getCrossBreakdown(await this.knex(), rows, columns, filter);
  }

  /** Row counts of the store (calls from the rollups, never by counting call rows). */
  async getStoreStats(): Promise<StoreStats> {
    const store = await this.getStore();
    return (await this.queries()).getStoreStats(store.em.getKnex(), store.dialect, this.sessionCounts);
  }

  /** Every matching call, oldest first, paged by keyset: for exports of any size. */
  async *streamLlmCalls(query: StreamCallsQuery = {}): AsyncGenerator<LLMCall> {
    const store = await this.getStore();
    yield* (await this.queries()).streamLlmCalls(store.em, store.dialect, query);
  }

  /** Every matching session (by start time), oldest first, paged by keyset: for exports. */
  async *streamSessions(query: StreamSessionsQuery = {}): AsyncGenerator<Session> {
    const store = await this.getStore();
    yield* (await this.queries()).streamSessions(store.em, store.dialect, query);
  }

  /**
   * Write calls recorded elsewhere (e.g. read back from an export), ids kept, in one
   * transaction with their session totals and rollups. Calls already stored are skipped;
   * a call's missing session gets a stub. Texts are prepared as recorded calls' are
   * (secrets redacted, U+0000 replaced, cut to size). Returns how many calls were new.
   */
  async importCalls(calls: LLMCall[]): Promise<number> {
    const prepared = calls.map((call) => prepareForStorage(call, this.policy));
    // Opened (and migrated) first, so a writer thread finds the store current.
    const store = await this.getStore();
    const queries = await this.queries();
    const sink = this.importSink();
    const written = sink
      ? (await sink.write(queries.importedCallItems(prepared), { replay: true })).written
      : await queries.writeImportedCalls(knexDatabase(store.em.getKnex()), prepared);
    this.sessionCounts.clear();
    return written;
  }

  /**
   * Store sessions exactly as given, totals included, replacing stored ones with the same
   * id. Import a session after its calls, so its exported totals are the ones kept. Its
   * error text and metadata are prepared as a call's are.
   */
  async importSessions(sessions: Session[]): Promise<number> {
    const prepared = sessions.map((session) => prepareSessionForStorage(session, this.policy));
    const store = await this.getStore();
    const written = await (await this.queries()).writeImportedSessions(knexDatabase(store.em.getKnex()), prepared);
    this.sessionCounts.clear();
    return written;
  }

  /** One call by id, with its full prompt and response, or null. */
  async getLlmCall(id: string): Promise<LLMCall | null> {
    return (await this.queries()).getLlmCall((await this.getStore()).em, id);
  }

  /** Sessions started in [from, to), per project, with how many failed. */
  async countSessions(range: { from?: Date; to?: Date } = {}): Promise<SessionCount[]> {
    const store = await this.getStore();
    return (await this.queries()).countSessions(this.sessionCounts, store.em.getKnex(), store.dialect, range);
  }

  /** All-time totals per project, provider, model and agent, with latency histograms (for /metrics). */
  async getMetricTotals(): Promise<MetricTotals[]> {
    return (await this.queries()).getMetricTotals(await this.knex());
  }

  /**
   * The query functions, loaded on first use: they bring MikroORM, which an app that only
   * records never needs (its calls are written without it).
   */
  private queries(): Promise<typeof StorageQueries> {
    this.queryModule ??= import('./storage-queries.js');
    return this.queryModule;
  }

  private async knex(): Promise<Knex> {
    return (await this.getStore()).em.getKnex();
  }
}
