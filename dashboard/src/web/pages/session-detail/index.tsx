import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, Show } from 'solid-js';
import type { SessionDetailResponse } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { AsyncView } from '../../components/async-view.js';
import { CallDrawer } from '../../components/call-drawer.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { PageShell } from '../../components/page-shell.js';
import { Panel } from '../../components/panel.js';
import { AgentGraphView } from './agent-graph-view.js';
import { AgentTable } from './agent-table.js';
import { SessionKpis } from './session-kpis.js';
import { SessionTimeline } from './session-timeline.js';
import { StepsTable, stepDepths } from './steps-table.js';

const STEPS_PER_PAGE = 100;

/** One run: its figures, timeline, agent graph and steps; a click on a bar or a row opens the call. */
export function SessionDetailPage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ cursor?: string }>();
  const [detail] = createResource(
    () => ({ id: params.id, cursor: search.cursor }),
    ({ id, cursor }) =>
      apiGet<SessionDetailResponse>(`sessions/${encodeURIComponent(id)}`, { limit: STEPS_PER_PAGE, cursor }),
  );
  const [open, setOpen] = createSignal<string | null>(null);
  const rows = createMemo(() => {
    const data = detail.latest;
    if (!data) return [];
    const depths = stepDepths(data.timeline);
    const positions = new Map(data.timeline.ids.map((id, i) => [id, i]));
    return data.calls.map((call, i) => {
      const position = positions.get(call.id) ?? -1;
      return { call, context: data.context[i], number: position + 1, depth: depths[position] ?? 0 };
    });
  });
  return (
    <PageShell
      title="Session"
      hideRange
      subtitle={
        <>
          <A href="/sessions">Sessions</A> / <span class="mono">{params.id}</span>
          <Show when={detail.latest}>{(d) => ` · ${d().session.operationType} · ${d().session.projectName}`}</Show>
        </>
      }
    >
      <AsyncView resource={detail} skeletonHeight={600}>
        {(data) => (
          <div class="stack" style={{ gap: '16px' }}>
            <SessionKpis detail={data} />
            <Panel title="Timeline" hint="One lane per agent; bar = call from start to end, tick = first token">
              <SessionTimeline timeline={data.timeline} onOpen={setOpen} />
            </Panel>
            <div class="grid cols-2">
              <Panel title="Agent graph" hint="Hand-offs between agents: times and the cost they led to">
                <AgentGraphView graph={data.graph} />
              </Panel>
              <Panel title="Per agent" hint="Every call of the run, by agent" flush>
                <AgentTable graph={data.graph} />
              </Panel>
            </div>
            <Panel
              title="Steps"
              hint="Tokens by kind, cost, and how much of each prompt repeats the same agent's previous prompt"
              flush
            >
              <StepsTable rows={rows()} onOpen={setOpen} />
              <CursorPager nextCursor={data.nextCursor} shown={data.calls.length} />
            </Panel>
          </div>
        )}
      </AsyncView>
      <Show when={open()}>{(id) => <CallDrawer id={id()} onClose={() => setOpen(null)} />}</Show>
    </PageShell>
  );
}
