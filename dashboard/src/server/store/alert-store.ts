import type { Store } from '@observatory/core';
import type { AlertChannel } from '../../shared/alert-channel.js';
import type { AlertEvent } from '../../shared/alert-event.js';
import type { AlertRule } from '../../shared/alert-rule.js';

type Knex = ReturnType<Store['em']['getKnex']>;

/**
 * The alerting's tables: rules and channels (each kept whole as JSON, with the columns
 * lists are read by) and the events they raised. Created by DashboardStore.
 */
export class AlertStore {
  constructor(private readonly tables: () => Promise<Knex>) {}

  async getRules(): Promise<AlertRule[]> {
    const knex = await this.tables();
    const rows: Array<{ definition: string }> = await knex('dashboard_alert_rules')
      .select('definition')
      .orderBy('created_at', 'asc');
    return rows.flatMap((row) => parseJson<AlertRule>(row.definition) ?? []);
  }

  async saveRule(rule: AlertRule): Promise<void> {
    const knex = await this.tables();
    await knex('dashboard_alert_rules')
      .insert({
        id: rule.id,
        name: rule.name,
        kind: rule.kind,
        enabled: rule.enabled,
        definition: JSON.stringify(rule),
        created_at: new Date(rule.createdAt),
        updated_at: new Date(rule.updatedAt),
      })
      .onConflict('id')
      .merge(['name', 'kind', 'enabled', 'definition', 'updated_at']);
  }

  /** false when there was no such rule. Its events stay, as history. */
  async deleteRule(id: string): Promise<boolean> {
    const knex = await this.tables();
    return (await knex('dashboard_alert_rules').where('id', id).delete()) > 0;
  }

  async getChannels(): Promise<AlertChannel[]> {
    const knex = await this.tables();
    const rows: Array<{ config: string }> = await knex('dashboard_alert_channels')
      .select('config')
      .orderBy('created_at', 'asc');
    return rows.flatMap((row) => parseJson<AlertChannel>(row.config) ?? []);
  }

  async saveChannel(channel: AlertChannel, at: Date): Promise<void> {
    const knex = await this.tables();
    await knex('dashboard_alert_channels')
      .insert({
        id: channel.id,
        name: channel.name,
        type: channel.type,
        config: JSON.stringify(channel),
        created_at: at,
        updated_at: at,
      })
      .onConflict('id')
      .merge(['name', 'type', 'config', 'updated_at']);
  }

  async deleteChannel(id: string): Promise<boolean> {
    const knex = await this.tables();
    return (await knex('dashboard_alert_channels').where('id', id).delete()) > 0;
  }

  /** Events, newest first; narrowed to a status or a rule (at most 1,000). */
  async getEvents(
    query: { status?: AlertEvent['status']; ruleId?: string; limit?: number } = {},
  ): Promise<AlertEvent[]> {
    const knex = await this.tables();
    const select = knex('dashboard_alert_events')
      .select('*')
      .orderBy('started_at', 'desc')
      .limit(Math.min(Math.max(0, query.limit ?? 50), 1000));
    if (query.status) select.where('status', query.status);
    if (query.ruleId) select.where('rule', query.ruleId);
    const rows: Array<Record<string, unknown>> = await select;
    return rows.map(readEvent);
  }

  /** Insert an event, or update what changes while it is open (value, level, message, notifications, resolution). */
  async saveEvent(event: AlertEvent): Promise<void> {
    const knex = await this.tables();
    await knex('dashboard_alert_events')
      .insert({
        id: event.id,
        rule: event.ruleId,
        rule_name: event.ruleName,
        rule_kind: event.ruleKind,
        project_name: event.projectName,
        offender_dimension: event.offender?.dimension ?? null,
        offender_value: event.offender?.value ?? null,
        status: event.status,
        level: event.level,
        value: event.value,
        threshold: event.threshold,
        message: event.message,
        link: event.link,
        started_at: event.startedAt,
        resolved_at: event.resolvedAt,
        last_notified_at: event.lastNotifiedAt,
        deliveries: JSON.stringify(event.deliveries),
      })
      .onConflict('id')
      .merge(['status', 'level', 'value', 'threshold', 'message', 'resolved_at', 'last_notified_at', 'deliveries']);
  }
}

function readEvent(row: Record<string, unknown>): AlertEvent {
  const dimension = row.offender_dimension as string | null;
  return {
    id: String(row.id),
    ruleId: String(row.rule),
    ruleName: (row.rule_name as string | null) ?? String(row.rule),
    ruleKind: (row.rule_kind as string | null) ?? 'threshold',
    projectName: (row.project_name as string | null) ?? null,
    offender: dimension ? { dimension, value: String(row.offender_value ?? '') } : null,
    status: row.status === 'resolved' ? 'resolved' : 'firing',
    level: row.level == null ? null : Number(row.level),
    value: Number(row.value),
    threshold: Number(row.threshold),
    message: String(row.message),
    link: (row.link as string | null) ?? null,
    startedAt: toDate(row.started_at),
    resolvedAt: row.resolved_at == null ? null : toDate(row.resolved_at),
    lastNotifiedAt: row.last_notified_at == null ? null : toDate(row.last_notified_at),
    // Events from before channels kept their one webhook's answer.
    deliveries:
      parseJson<AlertEvent['deliveries']>(row.deliveries as string | null) ??
      (row.webhook_status
        ? [
            {
              channelId: 'webhook',
              status: String(row.webhook_status),
              ok: /^2/.test(String(row.webhook_status)),
              at: '',
            },
          ]
        : []),
  };
}

function parseJson<T>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** SQLite returns datetimes as epoch milliseconds; PostgreSQL as Date or as timestamp text. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
  return new Date(String(value));
}
