/**
 * The dashboard's settings (stored in the store, edited in Settings) and their defaults:
 * one definition for the server, which validates and stores them, and the web app.
 */

/** Alert thresholds the server checks; a null threshold is off. */
export interface AlertSettings {
  enabled: boolean;
  /** null: all projects together. */
  project: string | null;
  /** Dollars spent since 00:00 UTC today. */
  dailyCostUsd: number | null;
  /** Percent of failed calls over the window. */
  errorRatePct: number | null;
  /** 95th percentile latency over the window, ms. */
  p95LatencyMs: number | null;
  /** Window for error rate and p95 (rounded out to whole hours: rollups are hourly). */
  windowMinutes: number;
  /** Fewer calls than this in the window never trip the error-rate alert. */
  minCalls: number;
  /** Receives a JSON POST (Slack-compatible `text` included) when an alert fires or resolves. */
  webhookUrl: string | null;
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
  alerts: {
    enabled: true,
    project: null,
    dailyCostUsd: null,
    errorRatePct: 5,
    p95LatencyMs: null,
    windowMinutes: 60,
    minCalls: 20,
    webhookUrl: null,
    checkIntervalSeconds: 60,
  },
  display: { theme: 'dark', timezone: 'local', defaultRange: '7d', liveRefreshMs: 1000 },
  retention: { days: null, autoPrune: false },
};
