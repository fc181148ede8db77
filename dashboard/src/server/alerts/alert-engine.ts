import { randomUUID } from 'node:crypto';
import type { ObservatoryStorage } from '@observatory/core';
import type { AlertChannel } from '../../shared/alert-channel.js';
import type { AlertEvent } from '../../shared/alert-event.js';
import type { AlertRule } from '../../shared/alert-rule.js';
import type { RuleState } from '../../shared/alert-status.js';
import { loadSettings } from '../dashboard-settings.js';
import { deliver } from '../notify/deliver.js';
import type { Notification } from '../notify/notification.js';
import type { AlertStore } from '../store/alert-store.js';
import { dashboardStoreOf } from '../store/dashboard-store.js';
import type { AlertFinding } from './alert-finding.js';
import { deliverNotifications, type PendingNotification } from './deliver-notifications.js';
import { measureAnomalies } from './measure-anomalies.js';
import { budgetFindings, measureBudget } from './measure-budget.js';
import { measureThreshold } from './measure-threshold.js';
import { seedRulesFromSettings } from './seed-rules-from-settings.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
/** After ingest, evaluate at most this often: a burst of batches is one evaluation. */
const AFTER_INGEST_MS = 10_000;

export interface AlertStatus {
  evaluatedAt: number;
  enabled: boolean;
  rules: RuleState[];
  firing: AlertEvent[];
}

export interface AlertEngineOptions {
  /** Prefix of the links in notifications (`http://host:port`); null sends paths. */
  dashboardUrl?: string | null;
  /** For tests: the fetch the channels use. */
  fetch?: typeof fetch;
}

/**
 * Evaluates the alert rules on a timer and after ingest: each rule's findings (one per
 * offender) open an event, keep it updated while they last (notifying again when a
 * budget crosses a higher share, or every `repeatMinutes`), and resolve it when they stop,
 * with a notification to the rule's channels at each step. An evaluation's notifications
 * go out together at its end, one message per Slack or email channel (see `deliver`).
 * Also applies automatic retention once a day when it is switched on. Only observes:
 * nothing is ever blocked.
 */
export class AlertEngine {
  private timer: NodeJS.Timeout | null = null;
  /** The timer's evaluation and retention pass in flight, awaited by stop(). */
  private ticking: Promise<void> | null = null;
  private last: AlertStatus | null = null;
  private running: Promise<AlertStatus> | null = null;
  private lastPrune = 0;
  private ingestTimer: NodeJS.Timeout | null = null;
  private lastIngestEvaluation = 0;
  private seeding: Promise<void> | null = null;
  /**
   * Anomaly rules judge the last complete hour: measured again only when the rule was edited
   * or that hour's rollups changed (its last calls may be written after the hour ends).
   */
  private anomalies = new Map<string, { version: string; findings: AlertFinding[] }>();

  constructor(
    private readonly storage: ObservatoryStorage,
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void,
    private readonly options: AlertEngineOptions = {},
  ) {}

  private get store(): AlertStore {
    return dashboardStoreOf(this.storage).alerts;
  }

  /** Evaluate now and then every `checkIntervalSeconds` (re-read from settings each time). */
  start(): void {
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => (this.ticking = tick()), ms).unref();
    };
    const tick = async () => {
      let seconds = 60;
      try {
        const settings = await loadSettings(this.storage);
        seconds = settings.alerts.checkIntervalSeconds;
        await this.evaluate();
        await this.applyRetention(settings.retention);
      } catch (error) {
        this.onError(error);
      }
      if (this.timer !== null) schedule(seconds * 1000);
    };
    schedule(0);
  }

  /**
   * Stop the timers and wait for the evaluation in flight: the store may close right after,
   * and a query still waiting for its single SQLite connection then waited out knex's 60 s.
   */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.ingestTimer) clearTimeout(this.ingestTimer);
    this.timer = null;
    this.ingestTimer = null;
    await Promise.allSettled([this.ticking, this.running]);
  }

  /** Calls were just stored: evaluate soon, at most once per 10 s however many batches arrive. */
  afterIngest(): void {
    if (this.ingestTimer) return;
    const wait = Math.max(0, this.lastIngestEvaluation + AFTER_INGEST_MS - this.now());
    this.ingestTimer = setTimeout(() => {
      this.ingestTimer = null;
      this.lastIngestEvaluation = this.now();
      this.evaluate().catch(this.onError);
    }, wait).unref();
  }

  /** The last evaluation, or a fresh one when none ran yet. */
  async status(): Promise<AlertStatus> {
    return this.last ?? this.evaluate();
  }

  /** Evaluate every rule now; concurrent calls share one evaluation. */
  evaluate(): Promise<AlertStatus> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Make sure the store has its first rules (seedRulesFromSettings), asked before every
   * evaluation and every rules request but read from the store once per engine.
   */
  async seedRules(): Promise<void> {
    this.seeding ??= seedRulesFromSettings(this.storage, new Date(this.now())).catch((error: unknown) => {
      this.seeding = null;
      throw error;
    });
    await this.seeding;
  }

  /** Send a test notification to one channel; the delivery's outcome. */
  async testChannel(channel: AlertChannel) {
    const at = new Date(this.now());
    const [result] = await deliver(
      channel,
      [
        {
          eventId: `test-${at.getTime()}`,
          kind: 'test',
          ruleId: 'test',
          ruleName: 'Test notification',
          ruleKind: 'test',
          message: `Observatory test notification: channel "${channel.name}" is connected.`,
          offender: null,
          projectName: null,
          value: null,
          threshold: null,
          link: this.absolute('/'),
          startedAt: at,
          resolvedAt: null,
        },
      ],
      { fetch: this.options.fetch },
    );
    return result;
  }

  private async run(): Promise<AlertStatus> {
    const now = this.now();
    const settings = await loadSettings(this.storage);
    await this.seedRules();
    const [rules, channels, open] = await Promise.all([
      this.store.getRules(),
      this.store.getChannels(),
      this.store.getEvents({ status: 'firing', limit: 1000 }),
    ]);
    const states: RuleState[] = [];
    const firing: AlertEvent[] = [];
    const judged = new Set<string>();
    const outbox: PendingNotification[] = [];
    for (const rule of rules) {
      const state: RuleState = {
        ruleId: rule.id,
        name: rule.name,
        kind: rule.kind,
        state: 'off',
        firing: 0,
        message: null,
      };
      states.push(state);
      if (!settings.alerts.enabled || !rule.enabled) continue;
      let findings: AlertFinding[];
      try {
        findings = await this.measure(rule, now);
      } catch (error) {
        state.state = 'error';
        state.message = error instanceof Error ? error.message : String(error);
        this.onError(error);
        // An unmeasured rule's open events stay as they are until it can be measured again.
        for (const event of open) if (event.ruleId === rule.id) judged.add(event.id);
        continue;
      }
      for (const finding of findings) {
        const current = open.find((e) => e.ruleId === rule.id && sameOffender(e.offender, finding.offender));
        const event = await this.raise(rule, finding, current, outbox, now);
        judged.add(event.id);
        firing.push(event);
      }
      state.firing = findings.length;
      state.state = findings.length > 0 ? 'firing' : 'ok';
    }
    // Open events nothing found this round are resolved: the value is back under the
    // threshold, or the rule was disabled or deleted (then without a notification).
    for (const event of open) {
      if (judged.has(event.id)) continue;
      const rule = rules.find((r) => r.id === event.ruleId && r.enabled && settings.alerts.enabled);
      const resolved: AlertEvent = { ...event, status: 'resolved', resolvedAt: new Date(now) };
      await this.store.saveEvent(resolved);
      if (rule) this.queue(outbox, rule, resolved, 'resolved');
    }
    // Every event is saved before anything is sent, so a slow or hung channel loses none;
    // saved again with the outcomes.
    await deliverNotifications(outbox, channels, new Date(now), { fetch: this.options.fetch });
    for (const { event } of outbox) await this.store.saveEvent(event);
    this.last = { evaluatedAt: now, enabled: settings.alerts.enabled, rules: states, firing };
    return this.last;
  }

  private async measure(rule: AlertRule, now: number): Promise<AlertFinding[]> {
    if (rule.kind === 'budget') return budgetFindings(rule, await measureBudget(this.storage, rule, now));
    if (rule.kind === 'threshold') return measureThreshold(this.storage, rule, now);
    const lastHour = Math.floor(now / HOUR_MS) * HOUR_MS - HOUR_MS;
    const totals = await this.storage.getTotals({
      projectName: rule.project ?? undefined,
      from: new Date(lastHour),
      to: new Date(lastHour + HOUR_MS),
    });
    const version = `${lastHour}:${rule.updatedAt}:${totals.totalCalls}:${totals.totalCost}`;
    const cached = this.anomalies.get(rule.id);
    if (cached?.version === version) return cached.findings;
    const findings = await measureAnomalies(this.storage, rule, now);
    this.anomalies.set(rule.id, { version, findings });
    return findings;
  }

  /** Open an event for a finding, or update the open one; queue a notification when it is new, escalated or due again. */
  private async raise(
    rule: AlertRule,
    finding: AlertFinding,
    current: AlertEvent | undefined,
    outbox: PendingNotification[],
    now: number,
  ): Promise<AlertEvent> {
    const event: AlertEvent = current
      ? {
          ...current,
          level: finding.level,
          value: finding.value,
          threshold: finding.threshold,
          message: finding.message,
        }
      : {
          id: randomUUID(),
          ruleId: rule.id,
          ruleName: rule.name,
          ruleKind: rule.kind,
          projectName: rule.project,
          offender: finding.offender,
          status: 'firing',
          level: finding.level,
          value: finding.value,
          threshold: finding.threshold,
          message: finding.message,
          link: finding.link,
          startedAt: new Date(now),
          resolvedAt: null,
          lastNotifiedAt: null,
          deliveries: [],
        };
    const escalated = current !== undefined && (finding.level ?? 0) > (current.level ?? 0);
    const due =
      !current ||
      escalated ||
      (rule.repeatMinutes !== null &&
        (current.lastNotifiedAt === null || now - current.lastNotifiedAt.getTime() >= rule.repeatMinutes * MINUTE_MS));
    await this.store.saveEvent(event);
    if (due) this.queue(outbox, rule, event, 'firing');
    return event;
  }

  /** Add the event's notification for the rule's channels to the evaluation's outbox. */
  private queue(outbox: PendingNotification[], rule: AlertRule, event: AlertEvent, kind: 'firing' | 'resolved'): void {
    if (rule.channelIds.length === 0) return;
    const notification: Notification = {
      eventId: event.id,
      kind,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleKind: rule.kind,
      message: event.message,
      offender: event.offender,
      projectName: event.projectName,
      value: event.value,
      threshold: event.threshold,
      link: event.link === null ? null : this.absolute(event.link),
      startedAt: event.startedAt,
      resolvedAt: event.resolvedAt,
    };
    outbox.push({ event, notification, channelIds: rule.channelIds });
  }

  private absolute(path: string): string {
    return this.options.dashboardUrl ? `${this.options.dashboardUrl.replace(/\/$/, '')}${path}` : path;
  }

  private async applyRetention(retention: { days: number | null; autoPrune: boolean }): Promise<void> {
    const now = this.now();
    if (!retention.autoPrune || retention.days === null || now - this.lastPrune < DAY_MS) return;
    this.lastPrune = now;
    await this.storage.deleteSessionsBefore(new Date(now - retention.days * DAY_MS));
  }
}

function sameOffender(a: AlertEvent['offender'], b: AlertFinding['offender']): boolean {
  return a === null || b === null ? a === b : a.dimension === b.dimension && a.value === b.value;
}
