import { For, Show } from 'solid-js';
import { RANGES, type RangeChoice, useAppState } from '../app-state.js';
import { Segmented } from './tabs.js';

const LABELS: Record<RangeChoice, string> = {
  '24h': '24h',
  '7d': '7d',
  '14d': '14d',
  '30d': '30d',
  '90d': '90d',
  all: 'All',
};

/** Project and time-range filters, shown on every page (the Live page brings its own windows). */
export function FilterBar(props: { hideRange?: boolean }) {
  const state = useAppState();
  return (
    <div class="row" data-filter-bar>
      <select
        class="select"
        aria-label="Project"
        value={state.project()}
        onChange={(e) => state.setProject(e.currentTarget.value)}
      >
        <option value="">All projects</option>
        <For each={state.projects() ?? []}>{(name) => <option value={name}>{name}</option>}</For>
      </select>
      <Show when={!props.hideRange}>
        <Segmented
          label="Time range"
          options={RANGES.map((r) => [r, LABELS[r]] as const)}
          value={state.range()}
          onChange={state.setRange}
        />
      </Show>
    </div>
  );
}
