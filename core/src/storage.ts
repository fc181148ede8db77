import type { Knex } from '@mikro-orm/knex';
import type { LLMCall, Session } from './models.js';
import { type DeleteResult, deleteSessionsBefore } from './queries/delete-sessions-before.js';
import type { AggregateFilter } from './queries/filters.js';
import { type BreakdownDimension, type BreakdownRow, getBreakdown } from './queries/get-breakdown.js';
import { getDistinctProjects, getDistinctRollupValues } from './queries/get-distinct-values.js';
import { countLlmCalls, getLlmCalls, type LlmCallQuery } from './queries/get-llm-calls.js';
import { getOverview, type Overview } from './queries/get-overview.js';
import { getSession, getSessions, type SessionQuery } from './queries/get-sessions.js';
import { getTimeSeries, type SeriesInterval, type TimeSeriesPoint } from './queries/get-time-series.js';
import type { Store } from './store/create-store.js';

/**
 * Queries over the store, shared by user code, the dashboard and the CLI. Every aggregate
 * reads the hourly rollups, so none scans all calls. Reads see what has been written;
 * call `obs.flush()` first to include calls still queued.
 */
export class ObservatoryStorage {
  constructor(private readonly getStore: () => Promise<Store>) {}

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
  async getBreakdown(by: BreakdownDimension, filter: AggregateFilter = {}): Promise<BreakdownRow[]> {
    return getBreakdown(await this.knex(), by, filter);
  }

  /** Totals per hour, day or week, optionally split by a dimension. */
  async getTimeSeries(
    filter: AggregateFilter & { interval?: SeriesInterval; groupBy?: BreakdownDimension } = {},
  ): Promise<TimeSeriesPoint[]> {
    return getTimeSeries(await this.knex(), filter);
  }

  private async knex(): Promise<Knex> {
    return (await this.getStore()).em.getKnex();
  }
}
