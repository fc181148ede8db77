import { useSearchParams } from '@solidjs/router';
import { For, Match, Switch } from 'solid-js';

/** One filter of a list page, kept in the URL under `name` (so a filtered list can be linked). */
export interface ListFilterField {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'select';
  /** [value, label] pairs of a select; '' is "any". */
  options?: ReadonlyArray<readonly [string, string]>;
  placeholder?: string;
  /** Width of the field in pixels. */
  width?: number;
}

/** The filters the Sessions and Calls pages share: who ran, which model, metadata and cost. */
export const SHARED_LIST_FILTERS: readonly ListFilterField[] = [
  { name: 'operation', label: 'Operation', kind: 'text' },
  { name: 'agent', label: 'Agent', kind: 'text' },
  { name: 'model', label: 'Model', kind: 'text' },
  { name: 'meta', label: 'Metadata key=value', kind: 'text', placeholder: 'userId=42', width: 150 },
  { name: 'minCost', label: 'Cost ≥ $', kind: 'number', width: 90 },
  { name: 'maxCost', label: 'Cost ≤ $', kind: 'number', width: 90 },
];

/**
 * The filters of a list page as one form: values come from the URL, Apply writes them back
 * (and drops the page cursor, so the list starts over), Clear empties them.
 */
export function ListFilterForm(props: { fields: readonly ListFilterField[] }) {
  const [search, setSearch] = useSearchParams<Record<string, string>>();
  let form!: HTMLFormElement;
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    const next: Record<string, string | undefined> = { cursor: undefined };
    for (const field of props.fields) next[field.name] = String(data.get(field.name) ?? '').trim() || undefined;
    setSearch(next);
  };
  const clear = () => {
    form.reset();
    setSearch(Object.fromEntries([['cursor', undefined], ...props.fields.map((field) => [field.name, undefined])]));
  };
  const value = (name: string) => (typeof search[name] === 'string' ? search[name] : '');
  return (
    <form ref={form} class="row list-filters" onSubmit={apply} data-list-filters>
      <For each={props.fields}>
        {(field) => (
          <label class="list-filter">
            <span class="faint">{field.label}</span>
            <Switch>
              <Match when={field.kind === 'select'}>
                <select class="select" name={field.name} value={value(field.name)}>
                  <For each={field.options ?? []}>{([option, label]) => <option value={option}>{label}</option>}</For>
                </select>
              </Match>
              <Match when={true}>
                <input
                  class="input"
                  name={field.name}
                  type={field.kind === 'number' ? 'number' : 'search'}
                  step="any"
                  min={field.kind === 'number' ? 0 : undefined}
                  value={value(field.name)}
                  placeholder={field.placeholder}
                  style={{ width: `${field.width ?? 130}px` }}
                />
              </Match>
            </Switch>
          </label>
        )}
      </For>
      <button type="submit" class="button primary">
        Apply
      </button>
      <button type="button" class="button" onClick={clear}>
        Clear
      </button>
    </form>
  );
}
