import type { ObservatoryStorage, Store } from '@observatory/core';
import { BadRequest } from '../../bad-request.js';
import type { AlertEvent } from '../../shared/alert-event.js';

export type { AlertEvent };

/** The store's knex (through core's Store: the dashboard has no knex of its own). */
type Knex = ReturnType<Store['em']['getKnex']>;
type TableBuilder = Parameters<Parameters<Knex['schema']['createTable']>[1]>[0];

/**
 * The dashboard's own tables in the store: its settings (JSON values by key) and the
 * history of alert events. The dashboard creates them when it first needs them (stores
 * migrated by core before 0.2 already have them), so core's store holds only what
 * recording needs.
 */
export class DashboardStore {
  private ready: Promise<Knex> | null = null;

  constructor(private readonly storage: ObservatoryStorage) {}

  /** Every setting, by key, values parsed from JSON. */
  async getSettings(): Promise<Record<string, unknown>> {
    const knex = await this.knex();
    const rows: Array<{ key: string; value: string }> = await knex('dashboard_settings').select('key', 'value');
    const settings: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        settings[row.key] = JSON.parse(row.value);
      } catch {
        // A value written by hand that is not JSON is skipped rather than breaking every page.
      }
    }
    return settings;
  }

  /** Store settings (each value as JSON), replacing those with the same keys. */
  async saveSettings(values: Record<string, unknown>): Promise<void> {
    const rows = Object.entries(values).map(([key, value]) => {
      if (!/^[\w.-]{1,128}$/.test(key))
        throw new BadRequest('key', key, 'letters, digits, _, . and - only (at most 128)');
      return { key, value: JSON.stringify(value ?? null), updated_at: new Date() };
    });
    if (rows.length === 0) return;
    const knex = await this.knex();
    await knex('dashboard_settings').insert(rows).onConflict('key').merge(['value', 'updated_at']);
  }

  /** Alert events, newest first; `status` narrows to firing or resolved ones (at most 1,000). */
  async getAlertEvents(query: { status?: AlertEvent['status']; limit?: number } = {}): Promise<AlertEvent[]> {
    const knex = await this.knex();
    const select = knex('dashboard_alert_events')
      .select('*')
      .orderBy('started_at', 'desc')
      .limit(Math.min(Math.max(0, query.limit ?? 50), 1000));
    if (query.status) select.where('status', query.status);
    const rows: Array<Record<string, unknown>> = await select;
    return rows.map((row) => ({
      id: String(row.id),
      rule: String(row.rule),
      projectName: (row.project_name as string | null) ?? null,
      status: row.status === 'resolved' ? 'resolved' : 'firing',
      value: Number(row.value),
      threshold: Number(row.threshold),
      message: String(row.message),
      startedAt: toDate(row.started_at),
      resolvedAt: row.resolved_at == null ? null : toDate(row.resolved_at),
      webhookStatus: (row.webhook_status as string | null) ?? null,
    }));
  }

  /** Insert an alert event, or update it (status, value, resolution) when its id exists. */
  async saveAlertEvent(event: AlertEvent): Promise<void> {
    const knex = await this.knex();
    await knex('dashboard_alert_events')
      .insert({
        id: event.id,
        rule: event.rule,
        project_name: event.projectName,
        status: event.status,
        value: event.value,
        threshold: event.threshold,
        message: event.message,
        started_at: event.startedAt,
        resolved_at: event.resolvedAt,
        webhook_status: event.webhookStatus,
      })
      .onConflict('id')
      .merge(['status', 'value', 'message', 'resolved_at', 'webhook_status']);
  }

  /** The store's knex, once the dashboard's tables exist. */
  private knex(): Promise<Knex> {
    this.ready ??= this.storage.store().then(async (store) => {
      const knex = store.em.getKnex();
      await createMissingTables(knex);
      return knex;
    });
    this.ready.catch(() => {
      this.ready = null;
    });
    return this.ready;
  }
}

/** Create the dashboard's tables where they are missing; two servers starting at once may race, so "exists" is fine. */
async function createMissingTables(knex: Knex): Promise<void> {
  const create = async (table: string, build: (t: TableBuilder) => void) => {
    if (await knex.schema.hasTable(table)) return;
    await knex.schema.createTable(table, build).catch(async (error: unknown) => {
      if (!(await knex.schema.hasTable(table))) throw error;
    });
  };
  await create('dashboard_settings', (t) => {
    t.string('key', 128).primary();
    t.text('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await create('dashboard_alert_events', (t) => {
    t.string('id', 64).primary();
    t.string('rule', 32).notNullable();
    t.string('project_name', 256).nullable();
    t.string('status', 16).notNullable();
    t.double('value').notNullable();
    t.double('threshold').notNullable();
    t.text('message').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('resolved_at', { useTz: true }).nullable();
    t.string('webhook_status', 128).nullable();
    t.index(['started_at'], 'dashboard_alert_events_started_idx');
  });
}

/** SQLite returns datetimes as epoch milliseconds; PostgreSQL as Date or as timestamp text. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}

const stores = new WeakMap<ObservatoryStorage, DashboardStore>();

/** The one DashboardStore of a store's storage (its tables are checked once). */
export function dashboardStoreOf(storage: ObservatoryStorage): DashboardStore {
  let store = stores.get(storage);
  if (!store) {
    store = new DashboardStore(storage);
    stores.set(storage, store);
  }
  return store;
}
