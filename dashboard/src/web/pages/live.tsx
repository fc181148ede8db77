import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { LiveResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { timeAxis } from '../charts/time-axis.js';
import { toMetricSeries } from '../charts/to-time-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { CallDrawer } from '../components/call-drawer.js';
import { KpiCard } from '../components/kpi-card.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { Segmented } from '../components/tabs.js';
import {
  formatAgo,
  formatClock,
  formatCompact,
  formatCost,
  formatDuration,
  formatModelName,
  formatPercent,
} from '../format.js';

type Window = LiveResponse['window'];
const WINDOWS: ReadonlyArray<readonly [Window, string]> = [
  ['5m', '5 min'],
  ['15m', '15 min'],
  ['1h', '1 hour'],
  ['24h', '24 hours'],
];
/** An agent seen within this long counts as active. */
const ACTIVE_MS = 60_000;

/**
 * Live: refreshes by itself (every second by default, see Settings → Display), showing new
 * calls as they are written, window KPIs, throughput and per-agent activity.
 */
export function LivePage() {
  const state = useAppState();
  const [search, setSearch] = useSearchParams<{ window?: string }>();
  const window = (): Window => (WINDOWS.some(([w]) => w === search.window) ? (search.window as Window) : '15m');
  const [paused, setPaused] = createSignal(false);
  const [open, setOpen] = createSignal<string | null>(null);
  const [live, { refetch }] = createResource(
    () => ({ project: state.project(), window: window() }),
    (params) => apiGet<LiveResponse>('live', params),
  );
  // Ids seen before the latest refresh: rows not among them flash as new.
  const [seen, setSeen] = createSignal(new Set<string>());
  let previous = new Set<string>();
  const tick = setInterval(() => {
    if (paused() || live.loading) return;
    previous = new Set(live.latest?.events.map((e) => e.id) ?? []);
    void Promise.resolve(refetch()).then(() => setSeen(previous));
  }, state.display().liveRefreshMs);
  onCleanup(() => clearInterval(tick));

  const throughput = createMemo(() => {
    const data = live.latest;
    if (!data) return [];
    return toMetricSeries(
      data.series,
      [
        { name: 'Calls', value: (p) => p.calls },
        { name: 'Errors', value: (p) => p.errors },
      ],
      { stepMs: data.bucketMs, from: data.from, to: data.now },
    );
  });

  return (
    <>
      <PageHeader
        title="Live"
        subtitle={
          <span class="row" style={{ gap: '6px' }}>
            <span class={paused() ? 'dot' : 'dot live'} />{' '}
            {paused() ? 'Paused' : `Refreshing every ${state.display().liveRefreshMs / 1000}s`}
          </span>
        }
        hideRange
        actions={
          <>
            <Segmented label="Window" options={WINDOWS} value={window()} onChange={(w) => setSearch({ window: w })} />
            <button type="button" class="button" onClick={() => setPaused(!paused())}>
              {paused() ? 'Resume' : 'Pause'}
            </button>
          </>
        }
      />
      <main class="content">
        <AsyncView resource={live} skeletonHeight={110}>
          {(data) => (
            <div class="grid kpis">
              <KpiCard
                label="Calls / minute"
                value={data.totals.callsPerMinute.toFixed(data.totals.callsPerMinute < 10 ? 1 : 0)}
                foot={`${formatCompact(data.totals.calls)} calls in window`}
              />
              <KpiCard
                label="Spend"
                value={formatCost(data.totals.cost)}
                foot={`${formatCompact(data.totals.tokens)} tokens`}
              />
              <KpiCard
                label="Error rate"
                value={formatPercent(data.totals.errorRate)}
                foot={`${data.totals.errors} failed`}
              />
              <KpiCard
                label="Avg latency"
                value={formatDuration(data.totals.avgLatencyMs)}
                foot={`p95 ${formatDuration(data.totals.p95LatencyMs)}`}
              />
              <KpiCard
                label="Active agents"
                value={String(
                  data.agents.filter((a) => a.lastSeen !== null && data.now - a.lastSeen < ACTIVE_MS).length,
                )}
                foot={`${data.agents.length} in window`}
              />
            </div>
          )}
        </AsyncView>
        <div class="grid cols-2-1">
          <Panel
            title="Throughput"
            hint={
              live.latest?.truncated
                ? 'Busy window: summarised from the newest 20,000 calls'
                : 'Calls and errors per bucket'
            }
          >
            <ApexChart
              name="live-throughput"
              type="bar"
              height={260}
              series={throughput()}
              options={{
                colors: ['#818cf8', '#f87171'],
                chart: { animations: { enabled: false } },
                plotOptions: { bar: { columnWidth: '78%', borderRadius: 2 } },
                xaxis: timeAxis(state.timezone()),
                yaxis: { labels: { formatter: (v: number) => formatCompact(v) } },
              }}
            />
          </Panel>
          <Panel title="Agent activity" hint="Calls in window · last seen">
            <div class="stack" data-agent-activity>
              <For
                each={live.latest?.agents.slice(0, 8) ?? []}
                fallback={<span class="faint">No agent activity in this window.</span>}
              >
                {(agent) => {
                  const max = () => Math.max(1, ...(live.latest?.agents.map((a) => a.calls) ?? [1]));
                  const active = () => agent.lastSeen !== null && (live.latest?.now ?? 0) - agent.lastSeen < ACTIVE_MS;
                  return (
                    <div class="stack" style={{ gap: '4px' }}>
                      <div class="row" style={{ 'justify-content': 'space-between' }}>
                        <span class="row" style={{ gap: '8px' }}>
                          <span class={active() ? 'dot live' : 'dot'} />
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
        </div>
        <Panel title="Event stream" hint="Newest calls first; click one for details" flush>
          <div class="table-wrap">
            <table class="table" data-event-stream>
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Project</th>
                  <th>Agent</th>
                  <th>Model</th>
                  <th>Prompt</th>
                  <th class="num">Tokens</th>
                  <th class="num">Cost</th>
                  <th class="num">Latency</th>
                  <th>Signals</th>
                </tr>
              </thead>
              <tbody>
                <For each={live.latest?.events.slice(0, 25) ?? []}>
                  {(e) => (
                    <tr
                      class={seen().size > 0 && !seen().has(e.id) ? 'clickable fresh' : 'clickable'}
                      onClick={() => setOpen(e.id)}
                      data-event-id={e.id}
                    >
                      <td class="faint mono">{formatClock(e.timestamp, state.timezone())}</td>
                      <td class="muted nowrap">{e.projectName}</td>
                      <td>{e.agentName ?? '—'}</td>
                      <td class="nowrap">{formatModelName(e.modelName)}</td>
                      <td class="truncate muted" style={{ 'max-width': '240px' }}>
                        {e.prompt ?? ''}
                      </td>
                      <td class="num">{formatCompact(e.promptTokens + e.completionTokens)}</td>
                      <td class="num">{formatCost(e.totalCost)}</td>
                      <td class="num">{formatDuration(e.latencyMs)}</td>
                      <td>
                        <div class="row" style={{ gap: '4px', 'flex-wrap': 'nowrap' }}>
                          <Show when={e.error}>
                            <span class="badge red" title={e.error ?? ''}>
                              error
                            </span>
                          </Show>
                          <Show when={e.cacheHit !== null}>
                            <span class={e.cacheHit ? 'badge green' : 'badge gray'}>
                              {e.cacheHit ? 'cache hit' : 'miss'}
                            </span>
                          </Show>
                          <Show when={e.routed}>
                            <span class="badge">routed</span>
                          </Show>
                          <Show when={e.judgeScore !== null}>
                            <span class={(e.judgeScore ?? 0) >= 7 ? 'badge green' : 'badge amber'}>
                              judge {e.judgeScore}
                            </span>
                          </Show>
                        </div>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={(live.latest?.events.length ?? 0) === 0}>
              <div class="panel-body faint">No calls yet. New calls appear here within a second of being written.</div>
            </Show>
          </div>
        </Panel>
      </main>
      <Show when={open()}>{(id) => <CallDrawer id={id()} onClose={() => setOpen(null)} />}</Show>
    </>
  );
}
