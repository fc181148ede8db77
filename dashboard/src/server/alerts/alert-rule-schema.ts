import { z } from 'zod';
import { BadRequest } from '../../bad-request.js';
import { type AlertRuleInput, DEFAULT_WARN_AT_PCT } from '../../shared/alert-rule.js';

const common = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  project: z.string().min(1).max(256).nullable().default(null),
  groupBy: z
    .union([z.enum(['project', 'agent', 'model']), z.string().regex(/^metadata\.[\w.-]{1,64}$/, 'metadata.KEY')])
    .nullable()
    .default(null),
  channelIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  repeatMinutes: z.number().int().min(5).max(10_080).nullable().default(null),
};

const ANOMALY_METRICS = ['cost', 'calls', 'errorRate', 'p95LatencyMs', 'tokensPerCall'] as const;

/** A rule as a client sends it: each field checked, defaults filled in. */
export const alertRuleInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('budget'),
    period: z.enum(['day', 'month']),
    amountUsd: z.number().positive().max(1e9),
    warnAtPct: z
      .array(z.number().int().min(1).max(1000))
      .min(1)
      .max(10)
      .default(DEFAULT_WARN_AT_PCT)
      .transform((shares) => [...new Set(shares)].sort((a, b) => a - b)),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('threshold'),
    metric: z.enum(['errorRatePct', 'p95LatencyMs', 'sessionCostUsd']),
    above: z.number().nonnegative().max(1e12),
    windowMinutes: z.number().int().min(5).max(10_080).default(60),
    minCalls: z.number().int().min(1).max(1_000_000).default(20),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('anomaly'),
    by: z.enum(['model', 'agent']).default('model'),
    metrics: z
      .array(z.enum(ANOMALY_METRICS))
      .min(1)
      .default([...ANOMALY_METRICS]),
  }),
]);

/** Validate a rule from a request; a 400 names the first bad field and its value. */
export function parseAlertRuleInput(body: unknown): AlertRuleInput {
  const result = alertRuleInputSchema.safeParse(body, { reportInput: true });
  if (result.success) return result.data as AlertRuleInput;
  const issue = result.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.map(String).join('.') || 'body';
  const value = issue.code === 'unrecognized_keys' ? (body as Record<string, unknown>)[issue.keys[0]] : issue.input;
  throw new BadRequest(field, value, issue.code === 'unrecognized_keys' ? 'no such field' : issue.message);
}
