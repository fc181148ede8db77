import type { Knex } from '@mikro-orm/knex';

/** One alert firing: opened when a threshold is crossed, resolved when the value is back under it. */
export interface AlertEvent {
  id: string;
  /** Which threshold: 'daily_cost', 'error_rate', 'p95_latency'. */
  rule: string;
  /** null: all projects. */
  projectName: string | null;
  status: 'firing' | 'resolved';
  /** The value that crossed the threshold (dollars, 0..1, or milliseconds). */
  value: number;
  threshold: number;
  message: string;
  startedAt: Date;
  resolvedAt: Date | null;
  /** Outcome of the webhook POST ('200', 'failed: …'), null when no webhook is set. */
  webhookStatus: string | null;
}

/** Insert an alert event, or update it (status, value, resolution) when its id exists. */
export async function saveAlertEvent(knex: Knex, event: AlertEvent): Promise<void> {
  await knex('dashboard_alert_events')
    .insert({
      id: event.id,
      rule: event.rule,
      project_name: event.projectName,
      status: event.status,
      value: event.value,
      threshold: event.threshold,
      message: event.message,
      started_at: event.startedAt,
      resolved_at: event.resolvedAt,
      webhook_status: event.webhookStatus,
    })
    .onConflict('id')
    .merge(['status', 'value', 'message', 'resolved_at', 'webhook_status']);
}
