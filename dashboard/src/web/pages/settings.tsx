import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { AlertsResponse, DashboardSettings, SettingsResponse } from '../../shared/api-types.js';
import { apiGet, apiSend, apiUrl } from '../api.js';
import { useAppState } from '../app-state.js';
import { AsyncView } from '../components/async-view.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { Segmented } from '../components/tabs.js';
import { formatCompact, formatCost, formatDateTime, formatDuration, formatInteger } from '../format.js';

/** Settings: projects, database, display, alerts (evaluated by the server), retention and performance. */
export function SettingsPage() {
  const state = useAppState();
  const [data, { refetch }] = createResource(() => apiGet<SettingsResponse>('settings'));
  const [alerts, alertActions] = createResource(() => apiGet<AlertsResponse>('alerts'));
  const [form, setForm] = createStore<DashboardSettings>(structuredClone(DEFAULTS));
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null);
  createEffect(() => {
    const settings = data.latest?.settings;
    if (settings) setForm(reconcile(structuredClone(settings)));
  });

  const save = async (section: keyof DashboardSettings) => {
    try {
      const result = await apiSend<{ settings: DashboardSettings }>('PUT', 'settings', { [section]: form[section] });
      setMessage({ ok: true, text: `Saved ${section} settings.` });
      if (section === 'display') state.setDisplay(result.settings.display);
      void refetch();
      void alertActions.refetch();
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };
  const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

  return (
    <>
      <PageHeader title="Settings" subtitle="Stored in the Observatory database" hideRange />
      <main class="content">
        <Show when={message()}>
          {(m) => (
            <div
              class={m().ok ? 'badge green' : 'error-box'}
              style={{ 'align-self': 'flex-start', padding: '8px 12px', 'font-size': '13px' }}
              role="status"
            >
              {m().text}
            </div>
          )}
        </Show>
        <div class="grid cols-2">
          <Panel title="Alerts" hint="Checked by the server every interval; transitions are POSTed to the webhook">
            <div class="stack" id="alerts">
              <label class="toggle">
                <input
                  type="checkbox"
                  checked={form.alerts.enabled}
                  onChange={(e) => setForm('alerts', 'enabled', e.currentTarget.checked)}
                />{' '}
                Alerts enabled
              </label>
              <div class="row">
                <label class="field">
                  Project
                  <select
                    class="select"
                    value={form.alerts.project ?? ''}
                    onChange={(e) => setForm('alerts', 'project', e.currentTarget.value || null)}
                  >
                    <option value="">All projects</option>
                    <For each={state.projects() ?? []}>{(p) => <option value={p}>{p}</option>}</For>
                  </select>
                </label>
                <label class="field">
                  Daily cost above ($)
                  <input
                    class="input"
                    type="number"
                    min="0"
                    step="0.01"
                    placeholder="off"
                    value={form.alerts.dailyCostUsd ?? ''}
                    onInput={(e) => setForm('alerts', 'dailyCostUsd', numberOrNull(e.currentTarget.value))}
                  />
                </label>
                <label class="field">
                  Error rate above (%)
                  <input
                    class="input"
                    type="number"
                    min="0"
                    max="100"
                    step="0.5"
                    placeholder="off"
                    value={form.alerts.errorRatePct ?? ''}
                    onInput={(e) => setForm('alerts', 'errorRatePct', numberOrNull(e.currentTarget.value))}
                  />
                </label>
                <label class="field">
                  p95 latency above (ms)
                  <input
                    class="input"
                    type="number"
                    min="0"
                    step="100"
                    placeholder="off"
                    value={form.alerts.p95LatencyMs ?? ''}
                    onInput={(e) => setForm('alerts', 'p95LatencyMs', numberOrNull(e.currentTarget.value))}
                  />
                </label>
              </div>
              <div class="row">
                <label class="field">
                  Window (min)
                  <input
                    class="input"
                    type="number"
                    min="5"
                    max="1440"
                    value={form.alerts.windowMinutes}
                    onInput={(e) => setForm('alerts', 'windowMinutes', Number(e.currentTarget.value))}
                  />
                </label>
                <label class="field">
                  Min. calls
                  <input
                    class="input"
                    type="number"
                    min="1"
                    value={form.alerts.minCalls}
                    onInput={(e) => setForm('alerts', 'minCalls', Number(e.currentTarget.value))}
                  />
                </label>
                <label class="field">
                  Check every (s)
                  <input
                    class="input"
                    type="number"
                    min="10"
                    value={form.alerts.checkIntervalSeconds}
                    onInput={(e) => setForm('alerts', 'checkIntervalSeconds', Number(e.currentTarget.value))}
                  />
                </label>
              </div>
              <label class="field">
                Webhook URL (optional; Slack-compatible JSON with a text field)
                <input
                  class="input"
                  type="url"
                  placeholder="https://hooks.example.com/…"
                  value={form.alerts.webhookUrl ?? ''}
                  onInput={(e) => setForm('alerts', 'webhookUrl', e.currentTarget.value.trim() || null)}
                />
              </label>
              <div class="row">
                <button type="button" class="button primary" onClick={() => save('alerts')}>
                  Save alerts
                </button>
                <button
                  type="button"
                  class="button"
                  onClick={async () =>
                    alertActions.mutate(await apiSend<AlertsResponse>('POST', 'alerts/evaluate', {}))
                  }
                >
                  Evaluate now
                </button>
                <button
                  type="button"
                  class="button"
                  onClick={async () => {
                    try {
                      const result = await apiSend<{ status: string }>('POST', 'alerts/test-webhook', {});
                      setMessage({ ok: result.status.startsWith('2'), text: `Webhook answered: ${result.status}` });
                    } catch (error) {
                      setMessage({ ok: false, text: (error as Error).message });
                    }
                  }}
                >
                  Send test webhook
                </button>
              </div>
            </div>
          </Panel>
          <Panel
            title="Alert status"
            hint={alerts.latest ? `Last checked ${formatDateTime(alerts.latest.evaluatedAt, state.timezone())}` : ''}
            flush
          >
            <AsyncView resource={alerts} skeletonHeight={200}>
              {(a) => (
                <>
                  <table class="table" data-alert-checks>
                    <tbody>
                      <For each={a.checks}>
                        {(check) => (
                          <tr>
                            <td>{check.label}</td>
                            <td>
                              <span
                                class={
                                  check.state === 'firing'
                                    ? 'badge red'
                                    : check.state === 'ok'
                                      ? 'badge green'
                                      : 'badge gray'
                                }
                              >
                                {check.state}
                              </span>
                            </td>
                            <td class="muted">{check.message}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                  <div class="panel-body">
                    <strong>History</strong>
                  </div>
                  <table class="table">
                    <tbody>
                      <For
                        each={a.events.slice(0, 8)}
                        fallback={
                          <tr>
                            <td class="faint">No alert has fired yet.</td>
                          </tr>
                        }
                      >
                        {(event) => (
                          <tr>
                            <td class="faint">{formatDateTime(Date.parse(event.startedAt), state.timezone())}</td>
                            <td>
                              <span class={event.status === 'firing' ? 'badge red' : 'badge gray'}>{event.status}</span>
                            </td>
                            <td class="muted">{event.message}</td>
                            <td class="faint">{event.webhookStatus ? `webhook ${event.webhookStatus}` : ''}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </>
              )}
            </AsyncView>
          </Panel>
        </div>

        <div class="grid cols-3">
          <Panel title="Display">
            <div class="stack">
              <div class="row">
                <span class="muted">Theme</span>
                <Segmented
                  options={
                    [
                      ['dark', 'Dark'],
                      ['light', 'Light'],
                    ] as const
                  }
                  value={form.display.theme}
                  onChange={(v) => setForm('display', 'theme', v)}
                />
              </div>
              <div class="row">
                <span class="muted">Times in</span>
                <Segmented
                  options={
                    [
                      ['local', 'Local'],
                      ['utc', 'UTC'],
                    ] as const
                  }
                  value={form.display.timezone}
                  onChange={(v) => setForm('display', 'timezone', v)}
                />
              </div>
              <label class="field">
                Default time range
                <select
                  class="select"
                  value={form.display.defaultRange}
                  onChange={(e) =>
                    setForm(
                      'display',
                      'defaultRange',
                      e.currentTarget.value as DashboardSettings['display']['defaultRange'],
                    )
                  }
                >
                  <For each={['24h', '7d', '14d', '30d', '90d'] as const}>{(r) => <option value={r}>{r}</option>}</For>
                </select>
              </label>
              <label class="field">
                Live refresh (ms)
                <input
                  class="input"
                  type="number"
                  min="500"
                  step="500"
                  value={form.display.liveRefreshMs}
                  onInput={(e) => setForm('display', 'liveRefreshMs', Number(e.currentTarget.value))}
                />
              </label>
              <button
                type="button"
                class="button primary"
                style={{ 'align-self': 'flex-start' }}
                onClick={() => save('display')}
              >
                Save display
              </button>
            </div>
          </Panel>
          <Panel title="Retention" hint="Old sessions and their calls are deleted; rollups follow">
            <div class="stack">
              <label class="field">
                Keep (days)
                <input
                  class="input"
                  type="number"
                  min="1"
                  placeholder="forever"
                  value={form.retention.days ?? ''}
                  onInput={(e) => setForm('retention', 'days', numberOrNull(e.currentTarget.value))}
                />
              </label>
              <label class="toggle">
                <input
                  type="checkbox"
                  checked={form.retention.autoPrune}
                  onChange={(e) => setForm('retention', 'autoPrune', e.currentTarget.checked)}
                />{' '}
                Prune automatically (daily)
              </label>
              <div class="row">
                <button type="button" class="button primary" onClick={() => save('retention')}>
                  Save retention
                </button>
                <button
                  type="button"
                  class="button danger"
                  disabled={!form.retention.days}
                  onClick={async () => {
                    if (
                      !form.retention.days ||
                      !window.confirm(`Delete every session older than ${form.retention.days} days?`)
                    )
                      return;
                    try {
                      const result = await apiSend<{ sessions: number; calls: number }>('POST', 'retention/prune', {
                        olderThanDays: form.retention.days,
                      });
                      setMessage({
                        ok: true,
                        text: `Deleted ${formatInteger(result.sessions)} sessions and ${formatInteger(result.calls)} calls.`,
                      });
                      void refetch();
                    } catch (error) {
                      setMessage({ ok: false, text: (error as Error).message });
                    }
                  }}
                >
                  Prune now
                </button>
              </div>
              <div class="faint">
                CLI: <code>observatory prune --older-than 90d</code>
              </div>
            </div>
          </Panel>
          <Panel title="Database">
            <AsyncView resource={data} skeletonHeight={180}>
              {(d) => (
                <dl class="kv">
                  <dt>Store</dt>
                  <dd class="mono">{d.database.description}</dd>
                  <dt>Engine</dt>
                  <dd>{d.database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}</dd>
                  <dt>Size</dt>
                  <dd>
                    {d.database.sizeBytes === null ? '—' : `${(d.database.sizeBytes / 1024 / 1024).toFixed(1)} MB`}
                  </dd>
                  <dt>Calls</dt>
                  <dd>{formatInteger(d.database.calls)}</dd>
                  <dt>Sessions</dt>
                  <dd>{formatInteger(d.database.sessions)}</dd>
                  <dt>Rollup rows</dt>
                  <dd>
                    {formatInteger(d.database.rollupRows)} + {formatInteger(d.database.latencyRollupRows)} histogram
                  </dd>
                  <dt>Export</dt>
                  <dd class="row">
                    <a class="button" href={apiUrl('export', { format: 'csv', project: state.project() })}>
                      CSV
                    </a>
                    <a class="button" href={apiUrl('export', { format: 'json', project: state.project() })}>
                      NDJSON
                    </a>
                  </dd>
                </dl>
              )}
            </AsyncView>
          </Panel>
        </div>

        <div class="grid cols-2">
          <Panel title="Projects" flush>
            <AsyncView resource={data} skeletonHeight={160}>
              {(d) => (
                <table class="table">
                  <thead>
                    <tr>
                      <th>Project</th>
                      <th class="num">Calls</th>
                      <th class="num">Cost (all time)</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d.projects}>
                      {(p) => (
                        <tr class="clickable" onClick={() => state.setProject(p.name)}>
                          <td>{p.name}</td>
                          <td class="num">{formatCompact(p.calls)}</td>
                          <td class="num">{formatCost(p.cost)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              )}
            </AsyncView>
          </Panel>
          <Panel title="Performance" hint="API response times measured by this server since it started" flush>
            <AsyncView resource={data} skeletonHeight={160}>
              {(d) => (
                <table class="table">
                  <thead>
                    <tr>
                      <th>Endpoint</th>
                      <th class="num">Requests</th>
                      <th class="num">p50</th>
                      <th class="num">p95</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For
                      each={d.performance.slice(0, 12)}
                      fallback={
                        <tr>
                          <td class="faint">No requests yet.</td>
                        </tr>
                      }
                    >
                      {(row) => (
                        <tr>
                          <td class="mono">{row.route}</td>
                          <td class="num">{formatInteger(row.count)}</td>
                          <td class="num">{formatDuration(row.p50Ms)}</td>
                          <td class="num">{formatDuration(row.p95Ms)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              )}
            </AsyncView>
          </Panel>
        </div>
      </main>
    </>
  );
}

const DEFAULTS: DashboardSettings = {
  alerts: {
    enabled: true,
    project: null,
    dailyCostUsd: null,
    errorRatePct: 5,
    p95LatencyMs: null,
    windowMinutes: 60,
    minCalls: 20,
    webhookUrl: null,
    checkIntervalSeconds: 60,
  },
  display: { theme: 'dark', timezone: 'local', defaultRange: '7d', liveRefreshMs: 1000 },
  retention: { days: null, autoPrune: false },
};
