import type { Knex } from '@mikro-orm/knex';
import { clampLimit, toNumber } from './filters.js';
import type { AlertEvent } from './save-alert-event.js';

/** Alert events, newest first; `status` narrows to firing or resolved ones. */
export async function getAlertEvents(
  knex: Knex,
  query: { status?: AlertEvent['status']; limit?: number } = {},
): Promise<AlertEvent[]> {
  const select = knex('dashboard_alert_events')
    .select('*')
    .orderBy('started_at', 'desc')
    .limit(clampLimit(query.limit, 50, 1000));
  if (query.status) select.where('status', query.status);
  const rows: Array<Record<string, unknown>> = await select;
  return rows.map((row) => ({
    id: String(row.id),
    rule: String(row.rule),
    projectName: (row.project_name as string | null) ?? null,
    status: row.status === 'resolved' ? 'resolved' : 'firing',
    value: toNumber(row.value),
    threshold: toNumber(row.threshold),
    message: String(row.message),
    startedAt: toDate(row.started_at),
    resolvedAt: row.resolved_at == null ? null : toDate(row.resolved_at),
    webhookStatus: (row.webhook_status as string | null) ?? null,
  }));
}

/** SQLite returns datetimes as epoch milliseconds; PostgreSQL as Date or as timestamp text, depending on the driver setup. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}
