import { For } from 'solid-js';

/** Underlined tabs; the value is owned by the caller (often the URL). */
export function Tabs<T extends string>(props: {
  tabs: ReadonlyArray<readonly [T, string]>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div class="tabs" role="tablist">
      <For each={props.tabs}>
        {([value, label]) => (
          <button
            type="button"
            role="tab"
            class={props.value === value ? 'active' : ''}
            aria-selected={props.value === value}
            onClick={() => props.onChange(value)}
          >
            {label}
          </button>
        )}
      </For>
    </div>
  );
}

/** A compact button group for a small set of choices. */
export function Segmented<T extends string>(props: {
  options: ReadonlyArray<readonly [T, string]>;
  value: T;
  onChange: (value: T) => void;
  label?: string;
}) {
  return (
    <div class="segmented" title={props.label}>
      <For each={props.options}>
        {([value, label]) => (
          <button
            type="button"
            class={props.value === value ? 'active' : ''}
            aria-pressed={props.value === value}
            onClick={() => props.onChange(value)}
          >
            {label}
          </button>
        )}
      </For>
    </div>
  );
}
