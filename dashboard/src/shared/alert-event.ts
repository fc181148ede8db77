/**
 * One alert, as the server keeps it (the API sends its dates as ISO strings): opened when
 * a rule trips for one offender, updated while it keeps tripping, resolved when it stops.
 */
export interface AlertEvent {
  id: string;
  /** The rule's id (events from before rules were data: 'daily_cost', 'error_rate', 'p95_latency'). */
  ruleId: string;
  ruleName: string;
  /** 'budget', 'threshold', 'anomaly'. */
  ruleKind: string;
  /** null: all projects. */
  projectName: string | null;
  /** What tripped a grouped rule (a tenant, a model, a session); null for a whole project. */
  offender: { dimension: string; value: string } | null;
  status: 'firing' | 'resolved';
  /** Budgets: the highest warning share crossed, in percent; null otherwise. */
  level: number | null;
  /** The measured value, in the rule's unit (dollars, percent, milliseconds, …). */
  value: number;
  threshold: number;
  message: string;
  /** The dashboard path to the offender's sessions, or null. */
  link: string | null;
  startedAt: Date;
  resolvedAt: Date | null;
  lastNotifiedAt: Date | null;
  /** The last delivery to each channel, e.g. { channelId, status: '200', at }. */
  deliveries: Array<{ channelId: string; status: string; ok: boolean; at: string }>;
}
