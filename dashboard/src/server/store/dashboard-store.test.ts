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
      rule: 'daily_cost',
      projectName: null,
      status: 'firing' as const,
      value: 12.5,
      threshold: 10,
      message: 'Daily cost is $12.50',
      startedAt: new Date(T0),
      resolvedAt: null,
      webhookStatus: null,
    };
    await store.saveAlertEvent(event);
    expect(await store.getAlertEvents({ status: 'firing' })).toEqual([event]);
    await store.saveAlertEvent({ ...event, status: 'resolved', resolvedAt: new Date(T0 + HOUR), webhookStatus: '200' });
    expect(await store.getAlertEvents({ status: 'firing' })).toEqual([]);
    expect(await store.getAlertEvents()).toEqual([
      { ...event, status: 'resolved', resolvedAt: new Date(T0 + HOUR), webhookStatus: '200' },
    ]);
  });
});
