import { createResource, createSignal, For, Show } from 'solid-js';
import type { MetadataKeysResponse } from '../../../shared/api-types.js';
import { apiGet, apiSend } from '../../api.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { formatInteger } from '../../format.js';
import type { SettingsForm } from './create-settings-form.js';

/**
 * The metadata keys rolled up like models and agents (`userId`, `tenantId`): cost per user
 * or tenant then reads rollups. Naming a key adds the calls already stored, once.
 */
export function MetadataKeysPanel(props: { settings: SettingsForm }) {
  const [keys, { refetch }] = createResource(() => apiGet<MetadataKeysResponse>('metadata-keys'));
  const [draft, setDraft] = createSignal('');
  const unnamed = () => (keys.latest?.seen ?? []).filter((seen) => !keys.latest?.named.includes(seen.key));
  const name = (key: string) =>
    props.settings.report(async () => {
      const result = await apiSend<{ addedCalls: number }>('PUT', `metadata-keys/${encodeURIComponent(key)}`);
      setDraft('');
      refetch();
      return { ok: true, text: `${key} is rolled up (${formatInteger(result.addedCalls)} stored calls added).` };
    });
  const forget = (key: string) => {
    if (!window.confirm(`Stop rolling up ${key}? Its breakdown will be read from the calls again.`)) return;
    return props.settings.report(async () => {
      await apiSend('DELETE', `metadata-keys/${encodeURIComponent(key)}`);
      refetch();
      return { ok: true, text: `${key} is no longer rolled up.` };
    });
  };
  return (
    <Panel title="Metadata keys" hint="Rolled up like models and agents: cost per user or tenant over any range">
      <div class="stack" id="metadata-keys">
        <Show when={(keys.latest?.named.length ?? 0) > 0} fallback={<EmptyNote>No key is rolled up yet.</EmptyNote>}>
          <div class="row">
            <For each={keys.latest?.named}>
              {(key) => (
                <span class="badge">
                  <code>{key}</code>{' '}
                  <button
                    type="button"
                    class="badge-remove"
                    aria-label={`Stop rolling up ${key}`}
                    onClick={() => forget(key)}
                  >
                    ×
                  </button>
                </span>
              )}
            </For>
          </div>
        </Show>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft().trim()) void name(draft().trim());
          }}
        >
          <label class="field">
            Key
            <input
              class="input"
              list="seen-metadata-keys"
              placeholder="userId"
              value={draft()}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
          </label>
          <datalist id="seen-metadata-keys">
            <For each={unnamed()}>{(seen) => <option value={seen.key} />}</For>
          </datalist>
          <button type="submit" class="button primary" disabled={!draft().trim()}>
            Roll up
          </button>
        </form>
        <Show when={unnamed().length > 0}>
          <div class="faint">
            In the newest {formatInteger(keys.latest?.sampledCalls)} calls:{' '}
            {unnamed()
              .slice(0, 8)
              .map((seen) => `${seen.key} (${formatInteger(seen.calls)})`)
              .join(', ')}
          </div>
        </Show>
        <div class="faint">
          Or in code: <code>new Observatory({'{ rollupMetadataKeys: ["userId"] }'})</code>. Naming a key on a large
          store holds writes while its calls are added.
        </div>
      </div>
    </Panel>
  );
}
