import { For, Show } from 'solid-js';
import type { MetadataKeysResponse } from '../../shared/api-types.js';

/** The metadata key a breakdown groups by: rolled-up keys first, then keys seen in recent calls (slower). */
export function MetadataKeySelect(props: {
  keys: MetadataKeysResponse | undefined;
  value: string;
  onChange: (key: string) => void;
}) {
  const unnamed = () => (props.keys?.seen ?? []).filter((seen) => !props.keys?.named.includes(seen.key));
  return (
    <select
      class="select"
      aria-label="Metadata key"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <Show when={(props.keys?.named.length ?? 0) > 0}>
        <optgroup label="Rolled up">
          <For each={props.keys?.named}>{(key) => <option value={key}>{key}</option>}</For>
        </optgroup>
      </Show>
      <Show when={unnamed().length > 0}>
        <optgroup label="In recent calls (slower)">
          <For each={unnamed()}>{(seen) => <option value={seen.key}>{seen.key}</option>}</For>
        </optgroup>
      </Show>
    </select>
  );
}

/** The key to show first: the one asked for, else the first rolled-up key, else the most frequent one seen. */
export function defaultMetadataKey(keys: MetadataKeysResponse | undefined, asked?: string): string {
  return asked || keys?.named[0] || keys?.seen[0]?.key || '';
}
