import { apiSend } from '../../api.js';
import { Panel } from '../../components/panel.js';
import { formatInteger } from '../../format.js';
import type { SettingsForm } from './create-settings-form.js';
import { NumberField } from './number-field.js';

/** How long sessions and their calls are kept; prune now, or daily. */
export function RetentionPanel(props: { settings: SettingsForm }) {
  const form = () => props.settings.form.retention;
  const set = props.settings.setForm;
  const pruneNow = () => {
    const days = form().days;
    if (!days || !window.confirm(`Delete every session older than ${days} days?`)) return;
    return props.settings.report(async () => {
      const result = await apiSend<{ sessions: number; calls: number }>('POST', 'retention/prune', {
        olderThanDays: days,
      });
      props.settings.refetch();
      return {
        ok: true,
        text: `Deleted ${formatInteger(result.sessions)} sessions and ${formatInteger(result.calls)} calls.`,
      };
    });
  };
  return (
    <Panel title="Retention" hint="Old sessions and their calls are deleted; rollups follow">
      <div class="stack">
        <NumberField
          label="Keep (days)"
          min={1}
          placeholder="forever"
          value={form().days}
          onInput={(v) => set('retention', 'days', v)}
        />
        <label class="toggle">
          <input
            type="checkbox"
            checked={form().autoPrune}
            onChange={(e) => set('retention', 'autoPrune', e.currentTarget.checked)}
          />{' '}
          Prune automatically (daily)
        </label>
        <div class="row">
          <button type="button" class="button primary" onClick={() => props.settings.save('retention')}>
            Save retention
          </button>
          <button type="button" class="button danger" disabled={!form().days} onClick={pruneNow}>
            Prune now
          </button>
        </div>
        <div class="faint">
          CLI: <code>observatory prune --older-than 90d</code>
        </div>
      </div>
    </Panel>
  );
}
