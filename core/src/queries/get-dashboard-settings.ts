import type { Knex } from '@mikro-orm/knex';

/** Every dashboard setting (alerts, display, retention), by key, values parsed from JSON. */
export async function getDashboardSettings(knex: Knex): Promise<Record<string, unknown>> {
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
