import { randomUUID } from 'node:crypto';
import type { ObservatoryStorage } from '@observatory/core';
import { type AlertCheck, evaluateAlertRules } from './analysis/evaluate-alert-rules.js';
import { type DashboardSettings, loadSettings } from './dashboard-settings.js';
import { type AlertEvent, dashboardStoreOf } from './store/dashboard-store.js';

export interface AlertStatus {
  evaluatedAt: number;
  checks: AlertCheck[];
  firing: AlertEvent[];
}

const DAY_MS = 86_400_000;
const WEBHOOK_TIMEOUT_MS = 5000;

/**
 * Evaluates the alert thresholds on a timer (and on demand), records an event when a
 * rule starts or stops firing, and POSTs those transitions to the webhook, if one is set.
 * Also applies automatic retention once a day when it is switched on.
 */
export class AlertMonitor {
  private timer: NodeJS.Timeout | null = null;
  private last: AlertStatus | null = null;
  private running: Promise<AlertStatus> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly storage: ObservatoryStorage,
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void,
    private readonly post: typeof fetch = fetch,
  ) {}

  /** Evaluate now and then every `checkIntervalSeconds` (re-read from settings each time). */
  start(): void {
    const tick = async () => {
      let seconds = 60;
      try {
        const settings = await loadSettings(this.storage);
        seconds = settings.alerts.checkIntervalSeconds;
        await this.evaluate(settings);
        await this.applyRetention(settings);
      } catch (error) {
        this.onError(error);
      }
      if (this.timer !== null) this.timer = setTimeout(tick, seconds * 1000).unref();
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The last evaluation, or a fresh one when none ran yet. */
  async status(): Promise<AlertStatus> {
    return this.last ?? this.evaluate();
  }

  /** Evaluate the rules now; concurrent calls share one evaluation. */
  evaluate(settings?: DashboardSettings): Promise<AlertStatus> {
    this.running ??= this.run(settings).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** POST a test message to the configured (or given) webhook; returns the outcome. */
  async testWebhook(url: string): Promise<string> {
    return this.send(url, {
      text: 'Observatory test alert: your webhook is connected.',
      alert: { rule: 'test', status: 'firing', value: 0, threshold: 0, project: null },
    });
  }

  private async run(given?: DashboardSettings): Promise<AlertStatus> {
    const settings = given ?? (await loadSettings(this.storage));
    const alerts = settings.alerts;
    const now = this.now();
    const projectName = alerts.project ?? undefined;
    const [today, window] = await Promise.all([
      this.storage.getOverview({ projectName, from: new Date(Math.floor(now / DAY_MS) * DAY_MS) }),
      this.storage.getOverview({ projectName, from: new Date(now - alerts.windowMinutes * 60_000) }),
    ]);
    const checks = evaluateAlertRules(alerts, {
      dailyCost: today.totalCost,
      errorRate: window.errorRate,
      p95LatencyMs: window.p95LatencyMs,
      windowCalls: window.totalCalls,
    });

    const open = await dashboardStoreOf(this.storage).getAlertEvents({ status: 'firing', limit: 100 });
    const firing: AlertEvent[] = [];
    for (const check of checks) {
      const current = open.find((e) => e.rule === check.rule && e.projectName === alerts.project);
      if (check.state === 'firing' && check.value !== null && check.threshold !== null) {
        const event: AlertEvent = current
          ? { ...current, value: check.value, message: check.message }
          : {
              id: randomUUID(),
              rule: check.rule,
              projectName: alerts.project,
              status: 'firing',
              value: check.value,
              threshold: check.threshold,
              message: check.message,
              startedAt: new Date(now),
              resolvedAt: null,
              webhookStatus: null,
            };
        if (!current && alerts.webhookUrl) event.webhookStatus = await this.notify(alerts.webhookUrl, event);
        await dashboardStoreOf(this.storage).saveAlertEvent(event);
        firing.push(event);
      }
    }
    // Anything still open that did not fire this round is resolved (back under the
    // threshold, threshold removed, or the alert now watches another project).
    for (const event of open) {
      if (firing.some((f) => f.id === event.id)) continue;
      const resolved: AlertEvent = { ...event, status: 'resolved', resolvedAt: new Date(now) };
      if (alerts.webhookUrl) resolved.webhookStatus = await this.notify(alerts.webhookUrl, resolved);
      await dashboardStoreOf(this.storage).saveAlertEvent(resolved);
    }
    this.last = { evaluatedAt: now, checks, firing };
    return this.last;
  }

  private async applyRetention(settings: DashboardSettings): Promise<void> {
    const { days, autoPrune } = settings.retention;
    const now = this.now();
    if (!autoPrune || days === null || now - this.lastPrune < DAY_MS) return;
    this.lastPrune = now;
    await this.storage.deleteSessionsBefore(new Date(now - days * DAY_MS));
  }

  private notify(url: string, event: AlertEvent): Promise<string> {
    const verb = event.status === 'firing' ? 'FIRING' : 'resolved';
    return this.send(url, {
      text: `[Observatory] ${verb}: ${event.message}`,
      alert: {
        rule: event.rule,
        status: event.status,
        project: event.projectName,
        value: event.value,
        threshold: event.threshold,
        startedAt: event.startedAt.toISOString(),
        resolvedAt: event.resolvedAt?.toISOString() ?? null,
      },
    });
  }

  private async send(url: string, payload: unknown): Promise<string> {
    try {
      const response = await this.post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      return String(response.status);
    } catch (error) {
      return `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 120);
    }
  }
}
