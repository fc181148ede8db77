import { Hono } from 'hono';
import { BadRequest } from '../../bad-request.js';
import { type AlertChannel, MASKED_SECRET } from '../../shared/alert-channel.js';
import type { AlertRule, AlertRuleCommon, BudgetRule } from '../../shared/alert-rule.js';
import { parseAlertRuleInput } from '../alerts/alert-rule-schema.js';
import { anomaliesOverRange } from '../alerts/measure-anomalies.js';
import { measureBudget } from '../alerts/measure-budget.js';
import { newChannelId, newRuleId, toRule } from '../alerts/seed-rules-from-settings.js';
import type { Anomaly } from '../analysis/detect-anomalies.js';
import type { AppContext } from '../app-context.js';
import { parseChannelConfig } from '../notify/parse-channel-config.js';
import { readEnum, readRange } from '../query-params.js';
import { readJsonBody } from '../read-json-body.js';
import { reply } from '../reply.js';
import { dashboardStoreOf } from '../store/dashboard-store.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Anomalies listed at most (newest first). */
const ANOMALIES_SHOWN = 300;
/** How long a range's judged anomalies are served before it is judged again. */
const ANOMALIES_FRESH_MS = 60_000;
/** Ranges (project × grouping × hours) whose anomalies are kept, the least recently used dropped. */
const ANOMALY_RANGES_KEPT = 32;

/**
 * The alerting: GET /api/alerts (each rule's state and the events), POST
 * /api/alerts/evaluate, rules and channels as data (GET/POST/PUT/DELETE
 * /api/alerts/rules and /api/alerts/channels, POST /api/alerts/channels/{id}/test) and
 * GET /api/alerts/budgets?project= (each budget's spend, run-rate and run-out day) and
 * GET /api/alerts/anomalies?project=&range=&by=model|agent (every hour the detector flags
 * in the range, for the charts' markers: judged as the anomaly rules judge the last hour).
 * Secrets (a webhook's key, an SMTP password) are never sent back: they read as
 * ********, and sending that back keeps the stored one.
 */
export function alertsRoutes(ctx: AppContext): Hono {
  const store = () => dashboardStoreOf(ctx.storage).alerts;
  const anomalies = new Map<string, { at: number; found: Anomaly[] }>();
  // A new store's rules exist before its first evaluation.
  const rules = async () => {
    await ctx.alerts.seedRules();
    return store().getRules();
  };
  const findRule = async (id: string) => {
    const rule = (await rules()).find((r) => r.id === id);
    if (!rule) throw new BadRequest('id', id, 'the id of a rule');
    return rule;
  };
  const findChannel = async (id: string) => {
    const channel = (await store().getChannels()).find((c) => c.id === id);
    if (!channel) throw new BadRequest('id', id, 'the id of a channel');
    return channel;
  };
  const checkChannelIds = async (rule: AlertRule) => {
    const known = new Set((await store().getChannels()).map((c) => c.id));
    const unknown = rule.channelIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw new BadRequest('channelIds', unknown, 'ids of configured channels');
  };

  return new Hono()
    .get('/alerts', async (c) => {
      const [status, events] = await Promise.all([ctx.alerts.status(), store().getEvents({ limit: 50 })]);
      return reply(c, 'GET /api/alerts', { ...status, events });
    })
    .post('/alerts/evaluate', async (c) => {
      const status = await ctx.alerts.evaluate();
      return reply(c, 'POST /api/alerts/evaluate', { ...status, events: await store().getEvents({ limit: 50 }) });
    })
    .get('/alerts/rules', async (c) => reply(c, 'GET /api/alerts/rules', { items: await rules() }))
    .post('/alerts/rules', async (c) => {
      const at = new Date(ctx.now());
      const rule = toRule(parseAlertRuleInput(await readJsonBody(c)), newRuleId(), at);
      await checkChannelIds(rule);
      await store().saveRule(rule);
      await ctx.alerts.evaluate();
      return reply(c, 'POST /api/alerts/rules', { rule });
    })
    .put('/alerts/rules/:id', async (c) => {
      const current = await findRule(c.req.param('id'));
      const at = new Date(ctx.now());
      const rule = toRule(parseAlertRuleInput(await readJsonBody(c)), current.id, at, new Date(current.createdAt));
      await checkChannelIds(rule);
      await store().saveRule(rule);
      await ctx.alerts.evaluate();
      return reply(c, 'PUT /api/alerts/rules/:id', { rule });
    })
    .delete('/alerts/rules/:id', async (c) => {
      const deleted = await store().deleteRule((await findRule(c.req.param('id'))).id);
      await ctx.alerts.evaluate();
      return reply(c, 'DELETE /api/alerts/rules/:id', { deleted });
    })
    .get('/alerts/channels', async (c) =>
      reply(c, 'GET /api/alerts/channels', { items: (await store().getChannels()).map(maskSecrets) }),
    )
    .post('/alerts/channels', async (c) => {
      const channel = parseChannelConfig({ ...(await readJsonBody(c)), id: newChannelId() });
      await store().saveChannel(channel, new Date(ctx.now()));
      return reply(c, 'POST /api/alerts/channels', { channel: maskSecrets(channel) });
    })
    .put('/alerts/channels/:id', async (c) => {
      const current = await findChannel(c.req.param('id'));
      const body = keepMaskedSecrets(await readJsonBody(c), current);
      const channel = parseChannelConfig({ ...body, id: current.id });
      await store().saveChannel(channel, new Date(ctx.now()));
      return reply(c, 'PUT /api/alerts/channels/:id', { channel: maskSecrets(channel) });
    })
    .delete('/alerts/channels/:id', async (c) => {
      const channel = await findChannel(c.req.param('id'));
      const users = (await rules()).filter((rule) => rule.channelIds.includes(channel.id));
      if (users.length > 0) {
        throw new BadRequest('id', channel.id, `a channel no rule uses (used by "${users[0].name}")`);
      }
      return reply(c, 'DELETE /api/alerts/channels/:id', { deleted: await store().deleteChannel(channel.id) });
    })
    .post('/alerts/channels/:id/test', async (c) => {
      const result = await ctx.alerts.testChannel(await findChannel(c.req.param('id')));
      return reply(c, 'POST /api/alerts/channels/:id/test', result);
    })
    .get('/alerts/anomalies', async (c) => {
      const now = ctx.now();
      const filter = readRange(c, now);
      const by = readEnum(c, 'by', ['model', 'agent'] as const, 'model');
      const from = filter.from?.getTime() ?? now - 7 * DAY_MS;
      const to = Math.min(filter.to?.getTime() ?? now, now);
      // Only complete hours are judged, and they rarely change: the same range is judged
      // again after a minute (for calls of those hours written late), not on every page view.
      const key = `${by}|${filter.projectName ?? ''}|${Math.floor(from / HOUR_MS)}|${Math.floor(to / HOUR_MS)}`;
      let judged = anomalies.get(key);
      if (!judged || now - judged.at > ANOMALIES_FRESH_MS) {
        const found = await anomaliesOverRange(ctx.storage, by, filter.projectName, from, to);
        // Newest first; a long range of a noisy store keeps its newest few hundred.
        found.sort((a, b) => b.hourStart - a.hourStart || b.score - a.score);
        judged = { at: now, found };
        anomalies.delete(key);
        anomalies.set(key, judged);
        if (anomalies.size > ANOMALY_RANGES_KEPT) anomalies.delete(anomalies.keys().next().value as string);
      }
      const { found } = judged;
      return reply(c, 'GET /api/alerts/anomalies', {
        by,
        from,
        to,
        items: found.slice(0, ANOMALIES_SHOWN).map((anomaly) => ({
          series: anomaly.seriesKey.slice(by.length + 1),
          metric: anomaly.metric,
          hourStart: anomaly.hourStart,
          value: anomaly.value,
          expectedLow: anomaly.expectedLow,
          expectedHigh: anomaly.expectedHigh,
          direction: anomaly.direction,
          score: anomaly.score,
          reason: anomaly.reason,
        })),
      });
    })
    .get('/alerts/budgets', async (c) => {
      const project = c.req.query('project') || null;
      const now = ctx.now();
      // A project's page shows the budgets of that project and those over every project.
      const budgets = (await rules()).filter(
        (rule): rule is AlertRuleCommon & BudgetRule =>
          rule.kind === 'budget' &&
          rule.enabled &&
          (project === null || rule.project === null || rule.project === project),
      );
      const items = await Promise.all(
        budgets.map(async (rule) => {
          const status = await measureBudget(ctx.storage, rule, now);
          return { rule, ...status };
        }),
      );
      return reply(c, 'GET /api/alerts/budgets', { items });
    });
}

/** A channel as the API shows it: the webhook's key and the SMTP password hidden. */
function maskSecrets(channel: AlertChannel): AlertChannel {
  if (channel.type === 'webhook') return { ...channel, secret: MASKED_SECRET };
  if (channel.type === 'email') {
    const url = new URL(channel.smtpUrl);
    if (url.password) url.password = MASKED_SECRET;
    return { ...channel, smtpUrl: url.toString() };
  }
  return channel;
}

/** An edit that sends the masked secret back keeps the stored one. */
function keepMaskedSecrets(body: Record<string, unknown>, current: AlertChannel): Record<string, unknown> {
  if (current.type === 'webhook' && body.secret === MASKED_SECRET) return { ...body, secret: current.secret };
  if (current.type === 'email' && typeof body.smtpUrl === 'string' && URL.canParse(body.smtpUrl)) {
    const url = new URL(body.smtpUrl);
    if (decodeURIComponent(url.password) === MASKED_SECRET) {
      url.password = new URL(current.smtpUrl).password;
      return { ...body, smtpUrl: url.toString() };
    }
  }
  return body;
}
