import type { ObservatoryStorage } from '@observatory/core';
import { BadRequest } from '../bad-request.js';
import {
  type AlertSettings,
  type DashboardSettings,
  DEFAULT_SETTINGS,
  type DisplaySettings,
  type RetentionSettings,
} from '../shared/dashboard-settings.js';
import { dashboardStoreOf } from './store/dashboard-store.js';

export type { AlertSettings, DashboardSettings, DisplaySettings, RetentionSettings };
export { DEFAULT_SETTINGS };

/** Stored settings over the defaults; anything invalid in the store falls back to its default. */
export async function loadSettings(storage: ObservatoryStorage): Promise<DashboardSettings> {
  const stored = await dashboardStoreOf(storage).getSettings();
  const merged: DashboardSettings = structuredClone(DEFAULT_SETTINGS);
  for (const section of ['alerts', 'display', 'retention'] as const) {
    const value = stored[section];
    if (value && typeof value === 'object') {
      try {
        Object.assign(merged[section], validateSection(section, { ...merged[section], ...(value as object) }));
      } catch {
        // Keep defaults for a section someone edited into an invalid shape.
      }
    }
  }
  return merged;
}

/** Validate a partial update (from PUT /api/settings), merge it over `current` and store it. */
export async function updateSettings(
  storage: ObservatoryStorage,
  current: DashboardSettings,
  body: unknown,
): Promise<DashboardSettings> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('body', body, 'a JSON object');
  const next: DashboardSettings = structuredClone(current);
  const changed: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(body)) {
    if (section !== 'alerts' && section !== 'display' && section !== 'retention') {
      throw new BadRequest(section, value, 'only alerts, display and retention sections');
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequest(section, value, 'an object');
    }
    const merged = validateSection(section, { ...next[section], ...(value as object) });
    Object.assign(next[section], merged);
    changed[section] = next[section];
  }
  await dashboardStoreOf(storage).saveSettings(changed);
  return next;
}

function validateSection(section: keyof DashboardSettings, value: Record<string, unknown>): object {
  const field = (name: string) => `${section}.${name}`;
  const bool = (name: string) => {
    if (typeof value[name] !== 'boolean') throw new BadRequest(field(name), value[name], 'true or false');
    return value[name] as boolean;
  };
  const whole = (name: string, min: number, max: number) => {
    const v = value[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new BadRequest(field(name), v, `a whole number from ${min} to ${max}`);
    }
    return v;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]) => {
    if (!allowed.includes(value[name] as T))
      throw new BadRequest(field(name), value[name], `one of ${allowed.join(', ')}`);
    return value[name] as T;
  };
  if (section === 'alerts') {
    return {
      enabled: bool('enabled'),
      checkIntervalSeconds: whole('checkIntervalSeconds', 10, 86_400),
    } satisfies AlertSettings;
  }
  if (section === 'display') {
    return {
      theme: oneOf('theme', ['dark', 'light'] as const),
      timezone: oneOf('timezone', ['local', 'utc'] as const),
      defaultRange: oneOf('defaultRange', ['24h', '7d', '14d', '30d', '90d'] as const),
      liveRefreshMs: whole('liveRefreshMs', 500, 60_000),
    } satisfies DisplaySettings;
  }
  const days = value.days;
  if (days !== null && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 36_500)) {
    throw new BadRequest(field('days'), days, 'a whole number of days from 1 to 36500, or null');
  }
  return { days, autoPrune: bool('autoPrune') } satisfies RetentionSettings;
}
