import { Show } from 'solid-js';
import type { BreakdownRow } from '../../../shared/api-types.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { formatModelName } from '../../format.js';
import { AgentModelHeatmapPanel } from './agent-model-heatmap-panel.js';
import { BreakdownCostPanel } from './breakdown-cost-panel.js';
import { BreakdownLatencyPanel } from './breakdown-latency-panel.js';
import { BreakdownTablePanel } from './breakdown-table-panel.js';

/** The Models or Agents tab: cost and latency per model (or agent), and who uses which model. */
export function BreakdownTab(props: { by: 'model' | 'agent' }) {
  const rows = createFilteredResource<{ rows: BreakdownRow[] }>('breakdown', () => ({ by: props.by }));
  const nameOf = (key: string) => (props.by === 'model' ? formatModelName(key) : key || '(none)');
  return (
    <>
      <div class="grid cols-2">
        <BreakdownCostPanel by={props.by} rows={rows.latest?.rows ?? []} nameOf={nameOf} />
        <BreakdownLatencyPanel by={props.by} rows={rows.latest?.rows ?? []} nameOf={nameOf} />
      </div>
      <Show when={props.by === 'agent'}>
        <AgentModelHeatmapPanel />
      </Show>
      <BreakdownTablePanel by={props.by} rows={rows} nameOf={nameOf} />
    </>
  );
}
