import { For } from 'solid-js';
import type { AlertsResponse } from '../../../shared/api-types.js';
import { apiSend } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { Panel } from '../../components/panel.js';
import type { SettingsForm } from './create-settings-form.js';
import { NumberField } from './number-field.js';

/** Thresholds of the three checks; an empty one is off. */
const THRESHOLDS: ReadonlyArray<{
  key: 'dailyCostUsd' | 'errorRatePct' | 'p95LatencyMs';
  label: string;
  max?: number;
  step: number;
}> = [
  { key: 'dailyCostUsd', label: 'Daily cost above ($)', step: 0.01 },
  { key: 'errorRatePct', label: 'Error rate above (%)', max: 100, step: 0.5 },
  { key: 'p95LatencyMs', label: 'p95 latency above (ms)', step: 100 },
];

/** How the checks run: the window they look at, the calls the error rate needs, how often. */
const LIMITS: ReadonlyArray<{
  key: 'windowMinutes' | 'minCalls' | 'checkIntervalSeconds';
  label: string;
  min: number;
  max?: number;
}> = [
  { key: 'windowMinutes', label: 'Window (min)', min: 5, max: 1440 },
  { key: 'minCalls', label: 'Min. calls', min: 1 },
  { key: 'checkIntervalSeconds', label: 'Check every (s)', min: 10 },
];

/** Alert thresholds, window and webhook; evaluate now or send a test webhook. */
export function AlertsPanel(props: { settings: SettingsForm }) {
  const state = useAppState();
  const form = () => props.settings.form.alerts;
  const set = props.settings.setForm;
  const testWebhook = () =>
    props.settings.report(async () => {
      const result = await apiSend<{ status: string }>('POST', 'alerts/test-webhook', {});
      return { ok: result.status.startsWith('2'), text: `Webhook answered: ${result.status}` };
    });
  return (
    <Panel title="Alerts" hint="Checked by the server every interval; transitions are POSTed to the webhook">
      <div class="stack" id="alerts">
        <label class="toggle">
          <input
            type="checkbox"
            checked={form().enabled}
            onChange={(e) => set('alerts', 'enabled', e.currentTarget.checked)}
          />{' '}
          Alerts enabled
        </label>
        <div class="row">
          <label class="field">
            Project
            <select
              class="select"
              value={form().project ?? ''}
              onChange={(e) => set('alerts', 'project', e.currentTarget.value || null)}
            >
              <option value="">All projects</option>
              <For each={state.projects() ?? []}>{(p) => <option value={p}>{p}</option>}</For>
            </select>
          </label>
          <For each={THRESHOLDS}>
            {(field) => (
              <NumberField
                label={field.label}
                min={0}
                max={field.max}
                step={field.step}
                placeholder="off"
                value={form()[field.key]}
                onInput={(v) => set('alerts', field.key, v)}
              />
            )}
          </For>
        </div>
        <div class="row">
          <For each={LIMITS}>
            {(field) => (
              <NumberField
                label={field.label}
                min={field.min}
                max={field.max}
                value={form()[field.key]}
                onInput={(v) => set('alerts', field.key, v)}
              />
            )}
          </For>
        </div>
        <label class="field">
          Webhook URL (optional; Slack-compatible JSON with a text field)
          <input
            class="input"
            type="url"
            placeholder="https://hooks.example.com/…"
            value={form().webhookUrl ?? ''}
            onInput={(e) => set('alerts', 'webhookUrl', e.currentTarget.value.trim() || null)}
          />
        </label>
        <div class="row">
          <button type="button" class="button primary" onClick={() => props.settings.save('alerts')}>
            Save alerts
          </button>
          <button
            type="button"
            class="button"
            onClick={async () => props.settings.setAlerts(await apiSend<AlertsResponse>('POST', 'alerts/evaluate', {}))}
          >
            Evaluate now
          </button>
          <button type="button" class="button" onClick={testWebhook}>
            Send test webhook
          </button>
        </div>
      </div>
    </Panel>
  );
}
