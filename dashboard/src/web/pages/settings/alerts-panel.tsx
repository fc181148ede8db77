import type { AlertsResponse } from '../../../shared/api-types.js';
import { apiSend } from '../../api.js';
import { Panel } from '../../components/panel.js';
import type { SettingsForm } from './create-settings-form.js';
import { NumberField } from './number-field.js';

/** The alerting as a whole: on or off, how often the server evaluates the rules; evaluate now. */
export function AlertsPanel(props: { settings: SettingsForm }) {
  const form = () => props.settings.form.alerts;
  const set = props.settings.setForm;
  return (
    <Panel title="Alerts" hint="Rules are evaluated by the server on a timer and soon after calls arrive">
      <div class="stack" id="alerts">
        <label class="toggle">
          <input
            type="checkbox"
            checked={form().enabled}
            onChange={(e) => set('alerts', 'enabled', e.currentTarget.checked)}
          />{' '}
          Alerts enabled (off: no rule is evaluated and nothing is sent)
        </label>
        <div class="row">
          <NumberField
            label="Check every (s)"
            min={10}
            value={form().checkIntervalSeconds}
            onInput={(v) => set('alerts', 'checkIntervalSeconds', v)}
          />
        </div>
        <div class="row">
          <button type="button" class="button primary" onClick={() => props.settings.save('alerts')}>
            Save
          </button>
          <button
            type="button"
            class="button"
            onClick={async () => props.settings.setAlerts(await apiSend<AlertsResponse>('POST', 'alerts/evaluate', {}))}
          >
            Evaluate now
          </button>
        </div>
      </div>
    </Panel>
  );
}
