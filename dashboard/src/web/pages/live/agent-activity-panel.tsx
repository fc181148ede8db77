import { For } from 'solid-js';
import type { LiveResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { formatAgo, formatCompact } from '../../format.js';
import { isAgentActive } from './is-agent-active.js';

/** The busiest agents of the window: calls (as a bar against the busiest) and when last seen. */
export function AgentActivityPanel(props: { data: LiveResponse | undefined }) {
  const state = useAppState();
  return (
    <Panel title="Agent activity" hint="Calls in window · last seen">
      <div class="stack" data-agent-activity>
        <For
          each={props.data?.agents.slice(0, 8) ?? []}
          fallback={<EmptyNote inline>No agent activity in this window.</EmptyNote>}
        >
          {(agent) => {
            const max = () => Math.max(1, ...(props.data?.agents.map((a) => a.calls) ?? [1]));
            return (
              <div class="stack" style={{ gap: '4px' }}>
                <div class="row" style={{ 'justify-content': 'space-between' }}>
                  <span class="row" style={{ gap: '8px' }}>
                    <span class={isAgentActive(agent.lastSeen, props.data?.now ?? 0) ? 'dot live' : 'dot'} />
                    {agent.agent || '(no agent)'}
                  </span>
                  <span class="faint">
                    {formatCompact(agent.calls)} · {agent.lastSeen ? formatAgo(agent.lastSeen, state.now()) : '—'}
                  </span>
                </div>
                <div class="meter">
                  <span style={{ width: `${(agent.calls / max()) * 100}%` }} />
                </div>
              </div>
            );
          }}
        </For>
      </div>
    </Panel>
  );
}
