/**
 * The dashboard's settings (stored in the store, edited in Settings) and their defaults:
 * one definition for the server, which validates and stores them, and the web app.
 */

/** The alerting as a whole; the rules themselves are data (/api/alerts/rules). */
export interface AlertSettings {
  /** false: no rule is evaluated and nothing is sent. */
  enabled: boolean;
  /** How often the server evaluates the rules (they are also evaluated soon after calls arrive). */
  checkIntervalSeconds: number;
}

export interface DisplaySettings {
  theme: 'dark' | 'light';
  timezone: 'local' | 'utc';
  defaultRange: '24h' | '7d' | '14d' | '30d' | '90d';
  /** Live page refresh, ms. */
  liveRefreshMs: number;
}

export interface RetentionSettings {
  /** Sessions older than this many days are pruned when autoPrune is on; null keeps everything. */
  days: number | null;
  autoPrune: boolean;
}

export interface DashboardSettings {
  alerts: AlertSettings;
  display: DisplaySettings;
  retention: RetentionSettings;
}

export const DEFAULT_SETTINGS: DashboardSettings = {
  alerts: { enabled: true, checkIntervalSeconds: 60 },
  display: { theme: 'dark', timezone: 'local', defaultRange: '7d', liveRefreshMs: 1000 },
  retention: { days: null, autoPrune: false },
};
