import { createResource, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  type AlertRuleInput,
  ANOMALY_METRIC_NAMES,
  groupLabel,
  type ThresholdRule,
} from '../../../shared/alert-rule.js';
import type { AlertChannel, AlertRule } from '../../../shared/api-types.js';
import { apiGet, apiSend } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { formatCost, formatDuration } from '../../format.js';
import type { SettingsForm } from './create-settings-form.js';

const METRIC_LABELS: Record<ThresholdRule['metric'], string> = {
  errorRatePct: 'Error rate above (%)',
  p95LatencyMs: 'p95 latency above (ms)',
  sessionCostUsd: 'A session costing more than ($)',
};

/** The new-rule form: every kind's fields, only the chosen kind's are sent. */
interface RuleDraft {
  kind: AlertRule['kind'];
  name: string;
  project: string;
  groupBy: '' | 'project' | 'agent' | 'model' | 'metadata';
  metadataKey: string;
  period: 'day' | 'month';
  amountUsd: string;
  warnAtPct: string;
  metric: ThresholdRule['metric'];
  above: string;
  windowMinutes: string;
  by: 'model' | 'agent';
  channelIds: string[];
  repeatMinutes: string;
}

const EMPTY_DRAFT: RuleDraft = {
  kind: 'budget',
  name: '',
  project: '',
  groupBy: '',
  metadataKey: 'tenantId',
  period: 'day',
  amountUsd: '',
  warnAtPct: '50, 80, 100',
  metric: 'errorRatePct',
  above: '',
  windowMinutes: '60',
  by: 'model',
  channelIds: [],
  repeatMinutes: '',
};

/** What one rule watches, in a few words. */
function describeRule(rule: AlertRule): string {
  const scope = `${rule.project ?? 'all projects'}${rule.groupBy ? `, per ${groupLabel(rule.groupBy)}` : ''}`;
  if (rule.kind === 'budget') {
    return `${formatCost(rule.amountUsd)} a ${rule.period} (${scope}); warns at ${rule.warnAtPct.join(' / ')}%`;
  }
  if (rule.kind === 'threshold') {
    const window = formatDuration(rule.windowMinutes * 60_000);
    if (rule.metric === 'sessionCostUsd')
      return `a session costing over ${formatCost(rule.above)} (${rule.project ?? 'all projects'})`;
    const above = rule.metric === 'errorRatePct' ? `${rule.above}%` : formatDuration(rule.above);
    const what = rule.metric === 'errorRatePct' ? 'error rate' : 'p95 latency';
    return `${what} above ${above} over ${window}, from ${rule.minCalls} calls (${scope})`;
  }
  const metrics = rule.metrics.map((metric) => ANOMALY_METRIC_NAMES[metric]).join(', ');
  return `${metrics} of each ${rule.by} against its usual level at that hour (${rule.project ?? 'all projects'})`;
}

/** The request body of a draft; the server validates it and names any bad field. */
function toInput(draft: RuleDraft): AlertRuleInput {
  const groupBy =
    draft.groupBy === 'metadata' ? (`metadata.${draft.metadataKey.trim()}` as const) : draft.groupBy || null;
  const common = {
    name: draft.name.trim(),
    enabled: true,
    project: draft.project || null,
    groupBy,
    channelIds: draft.channelIds,
    repeatMinutes: draft.repeatMinutes.trim() ? Number(draft.repeatMinutes) : null,
  };
  if (draft.kind === 'budget') {
    const warnAtPct = draft.warnAtPct
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    return { ...common, kind: 'budget', period: draft.period, amountUsd: Number(draft.amountUsd), warnAtPct };
  }
  if (draft.kind === 'threshold') {
    return {
      ...common,
      kind: 'threshold',
      metric: draft.metric,
      above: Number(draft.above),
      windowMinutes: Number(draft.windowMinutes),
      minCalls: 20,
    };
  }
  return {
    ...common,
    groupBy: null,
    kind: 'anomaly',
    by: draft.by,
    metrics: ['cost', 'calls', 'errorRate', 'p95LatencyMs', 'tokensPerCall'],
  };
}

/** Alert rules as data: budgets, thresholds and anomaly detection; add, switch on or off, delete. */
export function AlertRulesPanel(props: { settings: SettingsForm }) {
  const state = useAppState();
  const [rules, { refetch }] = createResource(() => apiGet<{ items: AlertRule[] }>('alerts/rules'));
  const [channels] = createResource(() => apiGet<{ items: AlertChannel[] }>('alerts/channels'));
  const [draft, setDraft] = createStore<RuleDraft>(structuredClone(EMPTY_DRAFT));
  const changed = () => {
    refetch();
    props.settings.refetchAlerts();
  };
  const create = () =>
    props.settings.report(async () => {
      const { rule } = await apiSend<{ rule: AlertRule }>('POST', 'alerts/rules', toInput(draft));
      setDraft(structuredClone(EMPTY_DRAFT));
      changed();
      return { ok: true, text: `Added the rule "${rule.name}".` };
    });
  const toggle = (rule: AlertRule) =>
    props.settings.report(async () => {
      const { id: _id, createdAt: _c, updatedAt: _u, ...input } = rule;
      await apiSend('PUT', `alerts/rules/${rule.id}`, { ...input, enabled: !rule.enabled });
      changed();
      return { ok: true, text: `"${rule.name}" is ${rule.enabled ? 'off' : 'on'}.` };
    });
  const remove = (rule: AlertRule) => {
    if (!window.confirm(`Delete the rule "${rule.name}"? Its past alerts stay in the history.`)) return;
    return props.settings.report(async () => {
      await apiSend('DELETE', `alerts/rules/${rule.id}`);
      changed();
      return { ok: true, text: `Deleted "${rule.name}".` };
    });
  };
  return (
    <Panel
      title="Alert rules"
      hint="Budgets, thresholds and anomalies; each names the offender and links to its sessions"
    >
      <div class="stack" id="alert-rules">
        <DataTable
          rows={rules.latest?.items ?? []}
          empty="No rule yet."
          attributes={{ 'data-alert-rules': '' }}
          columns={[
            { cell: (rule) => <strong>{rule.name}</strong> },
            { class: 'muted', cell: (rule) => describeRule(rule) },
            {
              cell: (rule) => (
                <div class="row" style={{ 'flex-wrap': 'nowrap' }}>
                  <button type="button" class="button nowrap" onClick={() => toggle(rule)}>
                    {rule.enabled ? 'Turn off' : 'Turn on'}
                  </button>
                  <button type="button" class="button" aria-label={`Delete ${rule.name}`} onClick={() => remove(rule)}>
                    Delete
                  </button>
                </div>
              ),
            },
          ]}
        />
        <form
          class="stack"
          data-new-rule
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div class="row">
            <label class="field">
              Kind
              <select
                class="select"
                name="kind"
                value={draft.kind}
                onChange={(e) => setDraft('kind', e.currentTarget.value as RuleDraft['kind'])}
              >
                <option value="budget">Budget</option>
                <option value="threshold">Threshold</option>
                <option value="anomaly">Anomalies</option>
              </select>
            </label>
            <label class="field">
              Name
              <input
                class="input"
                name="name"
                required
                placeholder="Daily spend"
                value={draft.name}
                onInput={(e) => setDraft('name', e.currentTarget.value)}
              />
            </label>
            <label class="field">
              Project
              <select
                class="select"
                name="project"
                value={draft.project}
                onChange={(e) => setDraft('project', e.currentTarget.value)}
              >
                <option value="">All projects</option>
                <For each={state.projects() ?? []}>{(p) => <option value={p}>{p}</option>}</For>
              </select>
            </label>
            <Show when={draft.kind !== 'anomaly' && !(draft.kind === 'threshold' && draft.metric === 'sessionCostUsd')}>
              <label class="field">
                Per
                <select
                  class="select"
                  name="groupBy"
                  value={draft.groupBy}
                  onChange={(e) => setDraft('groupBy', e.currentTarget.value as RuleDraft['groupBy'])}
                >
                  <option value="">The whole scope</option>
                  <option value="project">Project</option>
                  <option value="agent">Agent</option>
                  <option value="model">Model</option>
                  <option value="metadata">Metadata key…</option>
                </select>
              </label>
            </Show>
            <Show when={draft.groupBy === 'metadata' && draft.kind !== 'anomaly'}>
              <label class="field">
                Key
                <input
                  class="input"
                  name="metadataKey"
                  value={draft.metadataKey}
                  onInput={(e) => setDraft('metadataKey', e.currentTarget.value)}
                />
              </label>
            </Show>
          </div>
          <div class="row">
            <Show when={draft.kind === 'budget'}>
              <label class="field">
                Period
                <select
                  class="select"
                  name="period"
                  value={draft.period}
                  onChange={(e) => setDraft('period', e.currentTarget.value as RuleDraft['period'])}
                >
                  <option value="day">Day (UTC)</option>
                  <option value="month">Month (UTC)</option>
                </select>
              </label>
              <label class="field">
                Amount ($)
                <input
                  class="input"
                  name="amountUsd"
                  type="number"
                  min="0.01"
                  step="0.01"
                  required
                  value={draft.amountUsd}
                  onInput={(e) => setDraft('amountUsd', e.currentTarget.value)}
                />
              </label>
              <label class="field">
                Warn at (%)
                <input
                  class="input"
                  name="warnAtPct"
                  value={draft.warnAtPct}
                  onInput={(e) => setDraft('warnAtPct', e.currentTarget.value)}
                />
              </label>
            </Show>
            <Show when={draft.kind === 'threshold'}>
              <label class="field">
                Watch
                <select
                  class="select"
                  name="metric"
                  value={draft.metric}
                  onChange={(e) => setDraft('metric', e.currentTarget.value as RuleDraft['metric'])}
                >
                  <For each={Object.entries(METRIC_LABELS)}>
                    {([value, label]) => <option value={value}>{label}</option>}
                  </For>
                </select>
              </label>
              <label class="field">
                Threshold
                <input
                  class="input"
                  name="above"
                  type="number"
                  min="0"
                  step="any"
                  required
                  value={draft.above}
                  onInput={(e) => setDraft('above', e.currentTarget.value)}
                />
              </label>
              <label class="field">
                Window (min)
                <input
                  class="input"
                  name="windowMinutes"
                  type="number"
                  min="5"
                  value={draft.windowMinutes}
                  onInput={(e) => setDraft('windowMinutes', e.currentTarget.value)}
                />
              </label>
            </Show>
            <Show when={draft.kind === 'anomaly'}>
              <label class="field">
                Per
                <select
                  class="select"
                  name="by"
                  value={draft.by}
                  onChange={(e) => setDraft('by', e.currentTarget.value as RuleDraft['by'])}
                >
                  <option value="model">Model</option>
                  <option value="agent">Agent</option>
                </select>
              </label>
            </Show>
            <label class="field">
              Notify again every (min)
              <input
                class="input"
                name="repeatMinutes"
                type="number"
                min="5"
                placeholder="once"
                value={draft.repeatMinutes}
                onInput={(e) => setDraft('repeatMinutes', e.currentTarget.value)}
              />
            </label>
          </div>
          <Show
            when={(channels.latest?.items.length ?? 0) > 0}
            fallback={<div class="faint">No channel yet: alerts are kept in the history only. Add one below.</div>}
          >
            <div class="row">
              <span class="faint">Notify:</span>
              <For each={channels.latest?.items}>
                {(channel) => (
                  <label class="toggle">
                    <input
                      type="checkbox"
                      checked={draft.channelIds.includes(channel.id)}
                      onChange={(e) =>
                        setDraft('channelIds', (ids) =>
                          e.currentTarget.checked ? [...ids, channel.id] : ids.filter((id) => id !== channel.id),
                        )
                      }
                    />{' '}
                    {channel.name} ({channel.type})
                  </label>
                )}
              </For>
            </div>
          </Show>
          <div class="row">
            <button type="submit" class="button primary">
              Add rule
            </button>
          </div>
        </form>
      </div>
    </Panel>
  );
}
