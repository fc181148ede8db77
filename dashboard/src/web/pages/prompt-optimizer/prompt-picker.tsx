import { For, Show } from 'solid-js';
import type { PromptsResponse } from '../../../shared/api-types.js';
import { formatCompact } from '../../format.js';

/** The prompt to look at, with its number of calls; hidden while there is none. */
export function PromptPicker(props: {
  prompts: PromptsResponse['prompts'];
  value: string;
  onChange: (promptId: string) => void;
}) {
  return (
    <Show when={props.prompts.length > 0}>
      <select
        class="select"
        aria-label="Prompt"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={props.prompts}>
          {(p) => (
            <option value={p.promptId}>
              {p.promptId} ({formatCompact(p.calls)} calls)
            </option>
          )}
        </For>
      </select>
    </Show>
  );
}
