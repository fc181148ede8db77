import { For } from 'solid-js';
import type { DashboardSettings } from '../../../shared/api-types.js';
import { Panel } from '../../components/panel.js';
import { Segmented } from '../../components/tabs.js';
import type { SettingsForm } from './create-settings-form.js';
import { NumberField } from './number-field.js';

type Display = DashboardSettings['display'];

const THEMES: ReadonlyArray<readonly [Display['theme'], string]> = [
  ['dark', 'Dark'],
  ['light', 'Light'],
];
const ZONES: ReadonlyArray<readonly [Display['timezone'], string]> = [
  ['local', 'Local'],
  ['utc', 'UTC'],
];

/** Theme, time zone, default time range and the Live page's refresh interval. */
export function DisplayPanel(props: { settings: SettingsForm }) {
  const form = () => props.settings.form.display;
  const set = props.settings.setForm;
  return (
    <Panel title="Display">
      <div class="stack">
        <Choice label="Theme" options={THEMES} value={form().theme} onChange={(v) => set('display', 'theme', v)} />
        <Choice
          label="Times in"
          options={ZONES}
          value={form().timezone}
          onChange={(v) => set('display', 'timezone', v)}
        />
        <label class="field">
          Default time range
          <select
            class="select"
            value={form().defaultRange}
            onChange={(e) => set('display', 'defaultRange', e.currentTarget.value as Display['defaultRange'])}
          >
            <For each={['24h', '7d', '14d', '30d', '90d'] as const}>{(r) => <option value={r}>{r}</option>}</For>
          </select>
        </label>
        <NumberField
          label="Live refresh (ms)"
          min={500}
          step={500}
          value={form().liveRefreshMs}
          onInput={(v) => set('display', 'liveRefreshMs', v)}
        />
        <button
          type="button"
          class="button primary"
          style={{ 'align-self': 'flex-start' }}
          onClick={() => props.settings.save('display')}
        >
          Save display
        </button>
      </div>
    </Panel>
  );
}

/** A labelled button group. */
function Choice<T extends string>(props: {
  label: string;
  options: ReadonlyArray<readonly [T, string]>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div class="row">
      <span class="muted">{props.label}</span>
      <Segmented options={props.options} value={props.value} onChange={props.onChange} />
    </div>
  );
}
