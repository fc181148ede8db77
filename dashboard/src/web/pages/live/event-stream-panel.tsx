import { createSignal, Show } from 'solid-js';
import type { LiveResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { CallDrawer } from '../../components/call-drawer.js';
import { DataTable } from '../../components/data-table.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { formatClock, formatCompact, formatCost, formatDuration, formatModelName } from '../../format.js';

type LiveEvent = LiveResponse['events'][number];

/** The newest calls of the window, new ones flashing; a click opens one in full. */
export function EventStreamPanel(props: { events: LiveEvent[]; seen: Set<string> }) {
  const state = useAppState();
  const [open, setOpen] = createSignal<string | null>(null);
  return (
    <>
      <Panel title="Event stream" hint="Newest calls first; click one for details" flush>
        <DataTable
          rows={props.events.slice(0, 25)}
          attributes={{ 'data-event-stream': '' }}
          onRowClick={(e) => setOpen(e.id)}
          rowClass={(e) => (props.seen.size > 0 && !props.seen.has(e.id) ? 'fresh' : undefined)}
          rowAttributes={(e) => ({ 'data-event-id': e.id })}
          columns={[
            { header: 'Time', class: 'faint mono', cell: (e) => formatClock(e.timestamp, state.timezone()) },
            { header: 'Project', class: 'muted nowrap', cell: (e) => e.projectName },
            { header: 'Agent', cell: (e) => e.agentName ?? '—' },
            { header: 'Model', class: 'nowrap', cell: (e) => formatModelName(e.modelName) },
            { header: 'Prompt', class: 'truncate muted', style: { 'max-width': '200px' }, cell: (e) => e.prompt ?? '' },
            { header: 'Tokens', align: 'right', cell: (e) => formatCompact(e.promptTokens + e.completionTokens) },
            { header: 'Cost', align: 'right', cell: (e) => formatCost(e.totalCost) },
            { header: 'Latency', align: 'right', cell: (e) => formatDuration(e.latencyMs) },
            { header: 'Signals', cell: (e) => <Signals event={e} /> },
          ]}
        />
        <Show when={props.events.length === 0}>
          <EmptyNote class="panel-body">
            No calls yet. New calls appear here within a second of being written.
          </EmptyNote>
        </Show>
      </Panel>
      <Show when={open()}>{(id) => <CallDrawer id={id()} onClose={() => setOpen(null)} />}</Show>
    </>
  );
}

/** Badges for what else is known about a call: error, cache hit or miss, routed, judge score. */
function Signals(props: { event: LiveEvent }) {
  const e = () => props.event;
  return (
    <div class="row" style={{ gap: '4px', 'flex-wrap': 'wrap', 'min-width': '120px' }}>
      <Show when={e().error}>
        <span class="badge red" title={e().error ?? ''}>
          error
        </span>
      </Show>
      <Show when={e().cacheHit !== null}>
        <span class={e().cacheHit ? 'badge green' : 'badge gray'}>{e().cacheHit ? 'cache hit' : 'miss'}</span>
      </Show>
      <Show when={e().routed}>
        <span class="badge">routed</span>
      </Show>
      <Show when={e().judgeScore !== null}>
        <span class={(e().judgeScore ?? 0) >= 7 ? 'badge green' : 'badge amber'}>judge {e().judgeScore}</span>
      </Show>
    </div>
  );
}
