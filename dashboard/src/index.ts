/**
 * `@observatory/dashboard`: the Observatory dashboard's HTTP API (Hono) and server, and the
 * `observatory` CLI (see `cli.ts`).
 *
 * @example
 * import { Observatory } from '@observatory/core'
 * import { createApp } from '@observatory/dashboard'
 * const app = createApp(new Observatory({ databaseUrl: './observatory.db' }))
 * const overview = await (await app.request('/api/overview?range=7d')).json()
 */

export type { ExportRecord } from './export/format-export.js';
export { exportRecords, formatExportAsCsv, formatExportAsNdjson } from './export/format-export.js';
export type { ImportOptions, ImportSummary } from './import/import-records.js';
export { importRecords } from './import/import-records.js';
export { readCsvRecords } from './import/read-csv-records.js';
export { readNdjsonRecords } from './import/read-ndjson-records.js';
export type { AlertEngineOptions, AlertStatus } from './server/alerts/alert-engine.js';
export { AlertEngine } from './server/alerts/alert-engine.js';
export type { CreateAppOptions } from './server/create-app.js';
export { createApp } from './server/create-app.js';
export type {
  AlertSettings,
  DashboardSettings,
  DisplaySettings,
  RetentionSettings,
} from './server/dashboard-settings.js';
export type { RunningServer, ServeOptions } from './server/main.js';
export { DEFAULT_PORT, startServer } from './server/main.js';
export { verifyWebhookSignature } from './server/notify/webhook-signature.js';
