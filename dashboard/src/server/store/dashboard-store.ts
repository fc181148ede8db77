import type { ObservatoryStorage, Store } from '@observatory/core';
import { BadRequest } from '../../bad-request.js';
import { AlertStore } from './alert-store.js';

/** The store's knex (through core's Store: the dashboard has no knex of its own). */
type Knex = ReturnType<Store['em']['getKnex']>;
type TableBuilder = Parameters<Parameters<Knex['schema']['createTable']>[1]>[0];

/**
 * The dashboard's own tables in the store: its settings (JSON values by key) and the
 * alerting's rules, channels and events (`alerts`). The dashboard creates them when it
 * first needs them (stores migrated by core before 0.2 already have some), so core's
 * store holds only what recording needs.
 */
export class DashboardStore {
  private ready: Promise<Knex> | null = null;
  readonly alerts: AlertStore;

  constructor(private readonly storage: ObservatoryStorage) {
    this.alerts = new AlertStore(() => this.knex());
  }

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
  await addMissingColumns(knex, 'dashboard_alert_events', {
    rule_name: (t) => t.string('rule_name', 120).nullable(),
    rule_kind: (t) => t.string('rule_kind', 16).nullable(),
    offender_dimension: (t) => t.string('offender_dimension', 80).nullable(),
    offender_value: (t) => t.string('offender_value', 256).nullable(),
    level: (t) => t.double('level').nullable(),
    link: (t) => t.text('link').nullable(),
    last_notified_at: (t) => t.timestamp('last_notified_at', { useTz: true }).nullable(),
    deliveries: (t) => t.text('deliveries').nullable(),
  });
  await create('dashboard_alert_rules', (t) => {
    t.string('id', 64).primary();
    t.string('name', 120).notNullable();
    t.string('kind', 16).notNullable();
    t.boolean('enabled').notNullable();
    t.text('definition').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await create('dashboard_alert_channels', (t) => {
    t.string('id', 64).primary();
    t.string('name', 120).notNullable();
    t.string('type', 16).notNullable();
    t.text('config').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

/** Columns added to a table after stores had it: added where missing (a racing server may have added one first). */
async function addMissingColumns(
  knex: Knex,
  table: string,
  columns: Record<string, (t: TableBuilder) => void>,
): Promise<void> {
  for (const [column, add] of Object.entries(columns)) {
    if (await knex.schema.hasColumn(table, column)) continue;
    await knex.schema.alterTable(table, add).catch(async (error: unknown) => {
      if (!(await knex.schema.hasColumn(table, column))) throw error;
    });
  }
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
