import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { JudgeExample } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { Panel } from '../../components/panel.js';
import { formatAgo, formatModelName } from '../../format.js';

/** The best or worst judged answers of the sample, with the judge's reasoning. */
export function ExamplesPanel(props: { title: string; examples: JudgeExample[] }) {
  const state = useAppState();
  return (
    <Panel title={props.title}>
      <div class="stack">
        <For each={props.examples}>
          {(e) => (
            <div class="example">
              <div class="row" style={{ 'justify-content': 'space-between' }}>
                <span class="row" style={{ gap: '8px' }}>
                  <span class={(e.evaluation?.judgeScore ?? 0) >= 7 ? 'badge green' : 'badge red'}>
                    {e.evaluation?.judgeScore}/10
                  </span>
                  <span>{e.agentName ?? '—'}</span>
                  <span class="faint">{formatModelName(e.modelName)}</span>
                  <Show when={e.evaluation?.errorCategory}>
                    <span class="badge amber">{e.evaluation?.errorCategory}</span>
                  </Show>
                </span>
                <A href={`/calls/${encodeURIComponent(e.id)}`} title="Open the call">
                  {formatAgo(e.timestamp, state.now())}
                </A>
              </div>
              <div class="truncate muted" style={{ 'max-width': '100%' }}>
                {e.prompt ?? ''}
              </div>
              <Show when={e.evaluation?.reasoning}>
                <div class="faint">Judge: {e.evaluation?.reasoning}</div>
              </Show>
            </div>
          )}
        </For>
      </div>
    </Panel>
  );
}
