import type { Knex } from '@mikro-orm/knex';
import type { LLMCall, Session } from './models.js';
import {
  DEFAULT_STORAGE_POLICY,
  prepareForStorage,
  prepareSessionForStorage,
  type StoragePolicy,
} from './prepare-for-storage.js';
import { alignSessionTimes } from './queries/align-session-times.js';
import { countSessions, type SessionCount } from './queries/count-sessions.js';
import { type DeleteResult, deleteSessionsBefore } from './queries/delete-sessions-before.js';
import type { AggregateFilter } from './queries/filters.js';
import { type BreakdownDimension, type BreakdownRow, getBreakdown } from './queries/get-breakdown.js';
import { type CrossBreakdownRow, getCrossBreakdown } from './queries/get-cross-breakdown.js';
import { getDistinctProjects, getDistinctRollupValues } from './queries/get-distinct-values.js';
import { getFirstDay } from './queries/get-first-day.js';
import { getLlmCall } from './queries/get-llm-call.js';
import { countLlmCalls, getLlmCalls, type LlmCallQuery } from './queries/get-llm-calls.js';
import { getMetricTotals, type MetricTotals } from './queries/get-metric-totals.js';
import { getOverview, getTotals, type Overview } from './queries/get-overview.js';
import { getSession, getSessions, type SessionQuery } from './queries/get-sessions.js';
import { getStoreStats, type StoreStats } from './queries/get-store-stats.js';
import { getTimeSeries, type SeriesInterval, type TimeSeriesPoint } from './queries/get-time-series.js';
import { type CallSampleQuery, type CallSampleResult, sampleCalls } from './queries/sample-calls.js';
import { type StreamCallsQuery, streamLlmCalls } from './queries/stream-llm-calls.js';
import { type StreamSessionsQuery, streamSessions } from './queries/stream-sessions.js';
import type { CallTotals } from './queries/sum-measures.js';
import type { Store } from './store/create-store.js';
import { writeImportedCalls, writeImportedSessions } from './store/write-imported-records.js';

/**
 * Queries over the store, shared by user code, the dashboard and the CLI. Every aggregate
 * reads the hourly rollups, so none scans all calls. Reads see what has been written;
 * call `obs.flush()` first to include calls still queued.
 */
export class ObservatoryStorage {
  /**
   * @param policy how texts are stored (redaction, prompt capture, length): imported calls
   *   go through the same prepare step as recorded ones.
   */
  constructor(
    private readonly getStore: () => Promise<Store>,
    private readonly policy: StoragePolicy = DEFAULT_STORAGE_POLICY,
  ) {}

  /** The open store (for advanced use: MikroORM entity manager, dialect). */
  store(): Promise<Store> {
    return this.getStore();
  }

  async getSessions(query: SessionQuery = {}): Promise<Session[]> {
    return getSessions((await this.getStore()).em, query);
  }

  async getSession(id: string): Promise<Session | null> {
    return getSession((await this.getStore()).em, id);
  }

  async getLlmCalls(query: LlmCallQuery = {}): Promise<LLMCall[]> {
    return getLlmCalls((await this.getStore()).em, query);
  }

  async countLlmCalls(query: LlmCallQuery = {}): Promise<number> {
    return countLlmCalls((await this.getStore()).em, query);
  }

  async getDistinctProjects(): Promise<string[]> {
    return getDistinctProjects(await this.knex());
  }

  async getDistinctModels(projectName?: string): Promise<string[]> {
    return getDistinctRollupValues(await this.knex(), 'model_name', projectName);
  }

  async getDistinctAgents(projectName?: string): Promise<string[]> {
    return getDistinctRollupValues(await this.knex(), 'agent_name', projectName);
  }

  async getDistinctOperations(projectName?: string): Promise<string[]> {
    return getDistinctRollupValues(await this.knex(), 'operation_name', projectName);
  }

  /** Delete sessions started before `date` with their calls, keeping rollups consistent. */
  async deleteSessionsBefore(date: Date, projectName?: string): Promise<DeleteResult> {
    return deleteSessionsBefore((await this.getStore()).em, date, projectName);
  }

  /** KPIs: totals, cost, error rate, average and p50/p95/p99 latency, sessions. */
  async getOverview(filter: AggregateFilter = {}): Promise<Overview> {
    return getOverview(await this.knex(), filter);
  }

  /** Totals per model, agent, operation, provider or project. */
  /** Summed measures over a filter, without percentiles or sessions: the cheapest aggregate. */
  async getTotals(filter: AggregateFilter = {}): Promise<CallTotals> {
    return getTotals(await this.knex(), filter);
  }

  /** Start (epoch ms, UTC) of the first day with calls, optionally in one project; null when there is none. */
  async getFirstDay(projectName?: string): Promise<number | null> {
    return getFirstDay(await this.knex(), projectName);
  }

  async getBreakdown(by: BreakdownDimension, filter: AggregateFilter = {}): Promise<BreakdownRow[]> {
    return getBreakdown(await this.knex(), by, filter);
  }

  /** Totals per hour, day or week, optionally split by a dimension. */
  async getTimeSeries(
    filter: AggregateFilter & { interval?: SeriesInterval; groupBy?: BreakdownDimension } = {},
  ): Promise<TimeSeriesPoint[]> {
    return getTimeSeries(await this.knex(), filter);
  }

  /**
   * Move sessions whose calls predate them (history recorded after the fact, e.g. by
   * `observatory demo`) to the time of their first and last call. Returns sessions moved.
   */
  async alignSessionTimes(projectName?: string): Promise<number> {
    return alignSessionTimes(await this.knex(), projectName);
  }

  /**
   * A bounded sample of recent calls (newest first) carrying a routing decision, cache
   * metadata, a judge verdict, a prompt or a metadata key: for analyses rollups cannot do.
   */
  async sampleCalls(query: CallSampleQuery = {}): Promise<CallSampleResult> {
    return sampleCalls(await this.knex(), query);
  }

  /** Totals per pair of dimensions (e.g. model × operation), from the rollups. */
  async getCrossBreakdown(
    rows: BreakdownDimension,
    columns: BreakdownDimension,
    filter: AggregateFilter = {},
  ): Promise<CrossBreakdownRow[]> {
    return getCrossBreakdown(await this.knex(), rows, columns, filter);
  }

  /** Row counts of the store (calls from the rollups, never by counting call rows). */
  async getStoreStats(): Promise<StoreStats> {
    return getStoreStats(await this.knex());
  }

  /** Every matching call, oldest first, paged by keyset: for exports of any size. */
  async *streamLlmCalls(query: StreamCallsQuery = {}): AsyncGenerator<LLMCall> {
    yield* streamLlmCalls((await this.getStore()).em, query);
  }

  /** Every matching session (by start time), oldest first, paged by keyset: for exports. */
  async *streamSessions(query: StreamSessionsQuery = {}): AsyncGenerator<Session> {
    yield* streamSessions((await this.getStore()).em, query);
  }

  /**
   * Write calls recorded elsewhere (e.g. read back from an export), ids kept, in one
   * transaction with their session totals and rollups. Calls already stored are skipped;
   * a call's missing session gets a stub. Texts are prepared as recorded calls' are
   * (secrets redacted, U+0000 replaced, cut to size). Returns how many calls were new.
   */
  async importCalls(calls: LLMCall[]): Promise<number> {
    const prepared = calls.map((call) => prepareForStorage(call, this.policy));
    return writeImportedCalls((await this.getStore()).em, prepared);
  }

  /**
   * Store sessions exactly as given, totals included, replacing stored ones with the same
   * id. Import a session after its calls, so its exported totals are the ones kept. Its
   * error text and metadata are prepared as a call's are.
   */
  async importSessions(sessions: Session[]): Promise<number> {
    const prepared = sessions.map((session) => prepareSessionForStorage(session, this.policy));
    return writeImportedSessions((await this.getStore()).em, prepared);
  }

  /** One call by id, with its full prompt and response, or null. */
  async getLlmCall(id: string): Promise<LLMCall | null> {
    return getLlmCall((await this.getStore()).em, id);
  }

  /** Sessions started in [from, to), per project, with how many failed. */
  async countSessions(range: { from?: Date; to?: Date } = {}): Promise<SessionCount[]> {
    return countSessions(await this.knex(), range);
  }

  /** All-time totals per project, provider, model and agent, with latency histograms (for /metrics). */
  async getMetricTotals(): Promise<MetricTotals[]> {
    return getMetricTotals(await this.knex());
  }

  private async knex(): Promise<Knex> {
    return (await this.getStore()).em.getKnex();
  }
}
