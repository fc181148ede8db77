import type { Knex } from '@mikro-orm/knex';
import { ObservatoryValidationError } from '../observatory-error.js';

/** Store dashboard settings (each value as JSON), replacing those with the same keys. */
export async function saveDashboardSettings(knex: Knex, values: Record<string, unknown>): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => {
    if (!/^[\w.-]{1,128}$/.test(key)) {
      throw new ObservatoryValidationError('settings', [
        { field: 'key', value: key, message: 'letters, digits, _, . and - only (at most 128)' },
      ]);
    }
    return { key, value: JSON.stringify(value ?? null), updated_at: new Date() };
  });
  if (rows.length === 0) return;
  await knex('dashboard_settings').insert(rows).onConflict('key').merge(['value', 'updated_at']);
}
