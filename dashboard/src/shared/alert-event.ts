/**
 * One alert firing, as the server keeps it (the API sends its dates as ISO strings): opened
 * when a threshold is crossed, resolved when the value is back under it.
 */
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
