import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardStore, dashboardStoreOf } from './dashboard-store.js';

const T0 = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;

describe.each(testDatabases())('the dashboard’s own tables on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('are created by the dashboard when it first needs them, not by core', async () => {
    t = await createTestObservatory({ database });
    const knex = (await t.obs.storage.store()).em.getKnex();
    expect(await knex.schema.hasTable('dashboard_settings')).toBe(false);
    await dashboardStoreOf(t.obs.storage).getSettings();
    expect(await knex.schema.hasTable('dashboard_settings')).toBe(true);
    expect(await knex.schema.hasTable('dashboard_alert_events')).toBe(true);
    // A second store (another server on the same database) finds them and keeps what is there.
    await dashboardStoreOf(t.obs.storage).saveSettings({ display: { theme: 'light' } });
    expect(await new DashboardStore(t.obs.storage).getSettings()).toEqual({ display: { theme: 'light' } });
  });

  it('stores settings and alert events', async () => {
    t = await createTestObservatory({ database });
    const store = dashboardStoreOf(t.obs.storage);
    await store.saveSettings({ alerts: { dailyCostUsd: 5 }, display: { theme: 'light' } });
    await store.saveSettings({ alerts: { dailyCostUsd: 7 } });
    expect(await store.getSettings()).toEqual({ alerts: { dailyCostUsd: 7 }, display: { theme: 'light' } });
    await expect(store.saveSettings({ 'bad key!': 1 })).rejects.toThrow(/key/);

    const event = {
      id: 'e1',
      ruleId: 'rule_1',
      ruleName: 'Tenant budget',
      ruleKind: 'budget',
      projectName: null,
      offender: { dimension: 'metadata.tenantId', value: 'acme' },
      status: 'firing' as const,
      level: 80,
      value: 12.5,
      threshold: 15,
      message: 'metadata.tenantId acme has spent $12.50 today',
      link: '/sessions?meta.tenantId=acme',
      startedAt: new Date(T0),
      resolvedAt: null,
      lastNotifiedAt: new Date(T0),
      deliveries: [{ channelId: 'ch_1', status: '200', ok: true, at: new Date(T0).toISOString() }],
    };
    await store.alerts.saveEvent(event);
    expect(await store.alerts.getEvents({ status: 'firing' })).toEqual([event]);
    const resolved = { ...event, status: 'resolved' as const, resolvedAt: new Date(T0 + HOUR) };
    await store.alerts.saveEvent(resolved);
    expect(await store.alerts.getEvents({ status: 'firing' })).toEqual([]);
    expect(await store.alerts.getEvents({ ruleId: 'rule_1' })).toEqual([resolved]);
  });

  it('adds the columns rules need to an alert events table from before them, keeping its events', async () => {
    t = await createTestObservatory({ database });
    const knex = (await t.obs.storage.store()).em.getKnex();
    // The table as an earlier version created it, with one event of a fixed threshold.
    await knex.schema.createTable('dashboard_alert_events', (table) => {
      table.string('id', 64).primary();
      table.string('rule', 32).notNullable();
      table.string('project_name', 256).nullable();
      table.string('status', 16).notNullable();
      table.double('value').notNullable();
      table.double('threshold').notNullable();
      table.text('message').notNullable();
      table.timestamp('started_at', { useTz: true }).notNullable();
      table.timestamp('resolved_at', { useTz: true }).nullable();
      table.string('webhook_status', 128).nullable();
    });
    await knex('dashboard_alert_events').insert({
      id: 'old',
      rule: 'daily_cost',
      project_name: null,
      status: 'resolved',
      value: 12,
      threshold: 10,
      message: 'Daily cost is $12.00',
      started_at: new Date(T0),
      resolved_at: new Date(T0 + HOUR),
      webhook_status: '200',
    });
    const [old] = await new DashboardStore(t.obs.storage).alerts.getEvents();
    expect(old).toMatchObject({
      id: 'old',
      ruleId: 'daily_cost',
      ruleName: 'daily_cost',
      offender: null,
      level: null,
      deliveries: [{ channelId: 'webhook', status: '200', ok: true, at: '' }],
    });
    expect(await knex.schema.hasColumn('dashboard_alert_events', 'offender_value')).toBe(true);
  });
});
