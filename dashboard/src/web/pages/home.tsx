import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type {
  BreakdownRow,
  CallRecord,
  CallTotals,
  MetaResponse,
  OverviewResponse,
  SessionRecord,
  TimeSeriesPoint,
} from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { stepForRange, useAppState } from '../app-state.js';
import { timeAxis } from '../charts/time-axis.js';
import { toBarSeries, toDonutSeries } from '../charts/to-category-series.js';
import { toMatrixHeatmap, toWeekdayHourHeatmap } from '../charts/to-heatmap-series.js';
import { toMetricSeries, toStackedSeries } from '../charts/to-time-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { CallDrawer } from '../components/call-drawer.js';
import { EmptyState } from '../components/empty-state.js';
import { KpiCard, relativeChange } from '../components/kpi-card.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { Tabs } from '../components/tabs.js';
import {
  formatAgo,
  formatCompact,
  formatCost,
  formatDuration,
  formatInteger,
  formatModelName,
  formatPercent,
  formatScore,
} from '../format.js';

type Tab = 'overview' | 'models' | 'agents' | 'trends';
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['overview', 'Overview'],
  ['models', 'Models'],
  ['agents', 'Agents'],
  ['trends', 'Trends'],
];

export const RECORD_SNIPPET = `import { Observatory } from '@observatory/core'

const obs = new Observatory({ projectName: 'my-app' })
obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o',
  promptTokens: 1200, completionTokens: 300, latencyMs: 850,
  agentName: 'Reviewer', operationName: 'review',
})

# or fill this store with realistic history:
npx observatory demo --days 14 --calls 50000`;

/** Mission Control: headline KPIs against the previous period, trends and the Overview / Models / Agents / Trends tabs. */
export function HomePage() {
  const state = useAppState();
  const [search, setSearch] = useSearchParams<{ tab?: string }>();
  const tab = (): Tab => (TABS.some(([t]) => t === search.tab) ? (search.tab as Tab) : 'overview');
  const [meta] = createResource(() => apiGet<MetaResponse>('meta'));
  const [overview] = createResource(state.filter, (f) => apiGet<OverviewResponse>('overview', { ...f, compare: true }));
  const [series] = createResource(state.filter, (f) =>
    apiGet<{ interval: string; points: TimeSeriesPoint[] }>('timeseries', f),
  );

  const spark = (value: (p: CallTotals) => number) => (series.latest?.points ?? []).map(value);

  return (
    <>
      <PageHeader title="Mission Control" subtitle="Cost, traffic, latency and quality across your LLM calls" />
      <main class="content">
        <Switch>
          <Match when={meta.latest?.calls === 0}>
            <EmptyState title="No calls recorded yet" code={RECORD_SNIPPET}>
              Observatory shows what your LLM app records. Record a call with the core API or one of the adapters
              (LangChain, LangGraph, Vercel AI SDK, OpenAI, Anthropic), or fill the store with demo history, then
              reload.
            </EmptyState>
          </Match>
          <Match when={true}>
            <AsyncView resource={overview} skeletonHeight={110}>
              {(o) => {
                // A previous period with under a tenth of the traffic (before recording started) is no baseline.
                const fair = (o.previous?.totalCalls ?? 0) >= 0.1 * o.totalCalls;
                return (
                  <div class="grid kpis">
                    <KpiCard
                      label="Total cost"
                      value={formatCost(o.totalCost)}
                      delta={relativeChange(o.totalCost, o.previous?.totalCost, fair)}
                      goodWhen="down"
                      spark={spark((p) => p.totalCost)}
                      foot={
                        fair
                          ? `${formatCost(o.previous?.totalCost)} previous period`
                          : `${formatCost(o.totalCalls ? o.totalCost / o.totalCalls : 0)} per call`
                      }
                    />
                    <KpiCard
                      label="LLM calls"
                      value={formatCompact(o.totalCalls)}
                      delta={relativeChange(o.totalCalls, o.previous?.totalCalls, fair)}
                      goodWhen="neither"
                      spark={spark((p) => p.totalCalls)}
                      sparkColor="var(--cyan)"
                      foot={`${formatCompact(o.totalSessions)} sessions`}
                    />
                    <KpiCard
                      label="Tokens"
                      value={formatCompact(o.totalTokens)}
                      delta={relativeChange(o.totalTokens, o.previous?.totalTokens, fair)}
                      goodWhen="neither"
                      spark={spark((p) => p.totalTokens)}
                      sparkColor="var(--cyan)"
                      foot={`${formatPercent(o.promptTokens ? o.cachedPromptTokens / o.promptTokens : 0)} of input cached`}
                    />
                    <KpiCard
                      label="Avg latency"
                      value={formatDuration(o.avgLatencyMs)}
                      delta={relativeChange(o.avgLatencyMs, o.previous?.avgLatencyMs, fair)}
                      goodWhen="down"
                      spark={spark((p) => p.avgLatencyMs)}
                      sparkColor="var(--amber)"
                      foot={`p50 ${formatDuration(o.p50LatencyMs)}`}
                    />
                    <KpiCard
                      label="p95 latency"
                      value={formatDuration(o.p95LatencyMs)}
                      delta={relativeChange(o.p95LatencyMs, o.previous?.p95LatencyMs, fair)}
                      goodWhen="down"
                      foot={`p99 ${formatDuration(o.p99LatencyMs)}`}
                    />
                    <KpiCard
                      label="Error rate"
                      value={formatPercent(o.errorRate)}
                      delta={relativeChange(o.errorRate, o.previous?.errorRate, fair)}
                      goodWhen="down"
                      spark={spark((p) => p.errorRate)}
                      sparkColor="var(--red)"
                      foot={`${formatInteger(o.errorCalls)} failed calls`}
                    />
                    <KpiCard
                      label="Cache hit rate"
                      value={formatPercent(o.cacheHitRate)}
                      delta={relativeChange(o.cacheHitRate, o.previous?.cacheHitRate, fair)}
                      goodWhen="up"
                      foot={`${formatCompact(o.cacheLookups)} lookups`}
                    />
                    <KpiCard
                      label="Avg judge score"
                      value={formatScore(o.avgJudgeScore)}
                      delta={relativeChange(o.avgJudgeScore, o.previous?.avgJudgeScore, fair)}
                      goodWhen="up"
                      foot={`${formatCompact(o.judgedCalls)} judged`}
                    />
                  </div>
                );
              }}
            </AsyncView>
            <Tabs tabs={TABS} value={tab()} onChange={(value) => setSearch({ tab: value })} />
            <Switch>
              <Match when={tab() === 'overview'}>
                <OverviewTab series={series.latest?.points} />
              </Match>
              <Match when={tab() === 'models'}>
                <BreakdownTab by="model" />
              </Match>
              <Match when={tab() === 'agents'}>
                <BreakdownTab by="agent" />
              </Match>
              <Match when={tab() === 'trends'}>
                <TrendsTab />
              </Match>
            </Switch>
          </Match>
        </Switch>
      </main>
    </>
  );
}

function OverviewTab(props: { series: TimeSeriesPoint[] | undefined }) {
  const state = useAppState();
  const [byModel] = createResource(state.filter, (f) =>
    apiGet<{ points: TimeSeriesPoint[] }>('timeseries', { ...f, groupBy: 'model' }),
  );
  const [byAgent] = createResource(state.filter, (f) =>
    apiGet<{ rows: BreakdownRow[] }>('breakdown', { ...f, by: 'agent' }),
  );
  const [sessions] = createResource(state.filter, (f) =>
    apiGet<{ items: SessionRecord[] }>('sessions', { project: f.project, limit: 8 }),
  );
  const [calls] = createResource(state.filter, (f) =>
    apiGet<{ items: CallRecord[]; total: number }>('calls', { project: f.project, limit: 10 }),
  );
  const [open, setOpen] = createSignal<string | null>(null);
  const step = () => stepForRange(state.range());

  const costSeries = createMemo(() =>
    toStackedSeries(byModel.latest?.points ?? [], {
      stepMs: step(),
      value: (p) => p.totalCost,
      nameOf: formatModelName,
    }),
  );
  const trafficSeries = createMemo(() =>
    toMetricSeries(
      props.series ?? [],
      [
        { name: 'Succeeded', value: (p) => p.totalCalls - p.errorCalls },
        { name: 'Failed', value: (p) => p.errorCalls },
      ],
      { stepMs: step() },
    ),
  );
  const agentDonut = createMemo(() => toDonutSeries(byAgent.latest?.rows ?? [], (r) => r.totalCost));

  return (
    <>
      <div class="grid cols-2-1">
        <Panel title="Spend over time" hint="Stacked by model">
          <ApexChart
            name="cost-by-model"
            type="area"
            height={290}
            series={costSeries()}
            options={{
              chart: { stacked: true },
              fill: { type: 'gradient', gradient: { opacityFrom: 0.45, opacityTo: 0.05 } },
              xaxis: timeAxis(state.timezone()),
              yaxis: { labels: { formatter: (v: number) => formatCost(v) } },
              tooltip: { y: { formatter: (v: number) => formatCost(v) } },
            }}
          />
        </Panel>
        <Panel title="Spend by agent" hint="Share of cost in range">
          <ApexChart
            name="cost-by-agent"
            type="donut"
            height={290}
            series={agentDonut().series}
            options={{
              labels: agentDonut().labels,
              legend: { position: 'bottom' },
              stroke: { width: 0 },
              plotOptions: {
                pie: {
                  donut: {
                    size: '68%',
                    labels: {
                      show: true,
                      total: {
                        show: true,
                        label: 'Total',
                        formatter: (w: { globals: { seriesTotals: number[] } }) =>
                          formatCost(w.globals.seriesTotals.reduce((a, b) => a + b, 0)),
                      },
                      value: { formatter: (v: string) => formatCost(Number(v)) },
                    },
                  },
                },
              },
              tooltip: { y: { formatter: (v: number) => formatCost(v) } },
            }}
          />
        </Panel>
      </div>
      <div class="grid cols-2">
        <Panel title="Traffic" hint="Calls per period, failed ones in red">
          <ApexChart
            name="traffic"
            type="bar"
            height={250}
            series={trafficSeries()}
            options={{
              chart: { stacked: true },
              colors: ['#818cf8', '#f87171'],
              plotOptions: { bar: { columnWidth: '62%', borderRadius: 2 } },
              xaxis: timeAxis(state.timezone()),
              yaxis: { labels: { formatter: (v: number) => formatCompact(v) } },
            }}
          />
        </Panel>
        <Panel title="Recent sessions" flush>
          <AsyncView resource={sessions} skeletonHeight={250}>
            {(data) => (
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th>Operation</th>
                      <th>Project</th>
                      <th class="num">Calls</th>
                      <th class="num">Cost</th>
                      <th>Status</th>
                      <th class="num">Started</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data.items}>
                      {(s) => (
                        <tr>
                          <td>{s.operationType}</td>
                          <td class="muted nowrap">{s.projectName}</td>
                          <td class="num">{formatInteger(s.totalLlmCalls)}</td>
                          <td class="num">{formatCost(s.totalCost)}</td>
                          <td>
                            <Show when={s.success !== null} fallback={<span class="badge gray">open</span>}>
                              <span class={s.success ? 'badge green' : 'badge red'}>{s.success ? 'ok' : 'failed'}</span>
                            </Show>
                          </td>
                          <td class="num faint">{formatAgo(Date.parse(s.startTime), state.now())}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            )}
          </AsyncView>
        </Panel>
      </div>
      <Panel title="Recent calls" hint="Click a call for its prompt and response" flush>
        <AsyncView resource={calls} skeletonHeight={300}>
          {(data) => <CallsTable calls={data.items} onOpen={setOpen} />}
        </AsyncView>
      </Panel>
      <Show when={open()}>{(id) => <CallDrawer id={id()} onClose={() => setOpen(null)} />}</Show>
    </>
  );
}

/** Calls as a table row each; stored texts are bound as text. */
export function CallsTable(props: { calls: CallRecord[]; onOpen: (id: string) => void }) {
  const state = useAppState();
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Agent</th>
            <th>Model</th>
            <th>Prompt</th>
            <th class="num">Tokens</th>
            <th class="num">Cost</th>
            <th class="num">Latency</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.calls}>
            {(c) => (
              <tr class="clickable" onClick={() => props.onOpen(c.id)} data-call-row>
                <td class="faint">{formatAgo(Date.parse(c.timestamp), state.now())}</td>
                <td>{c.agentName ?? '—'}</td>
                <td>{formatModelName(c.modelName)}</td>
                <td class="truncate muted">{c.prompt ?? ''}</td>
                <td class="num">{formatCompact(c.totalTokens)}</td>
                <td class="num">{formatCost(c.totalCost)}</td>
                <td class="num">{formatDuration(c.latencyMs)}</td>
                <td>
                  <Show when={c.error} fallback={<span class="badge green">ok</span>}>
                    <span class="badge red" title={c.error ?? ''}>
                      error
                    </span>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function BreakdownTab(props: { by: 'model' | 'agent' }) {
  const state = useAppState();
  const [rows] = createResource(state.filter, (f) =>
    apiGet<{ rows: BreakdownRow[] }>('breakdown', { ...f, by: props.by }),
  );
  const [matrix] = createResource(state.filter, (f) =>
    props.by === 'agent'
      ? apiGet<{ cells: Array<CallTotals & { row: string; column: string }> }>('matrix', {
          ...f,
          rows: 'agent',
          columns: 'model',
        })
      : Promise.resolve(null),
  );
  const name = (key: string) => (props.by === 'model' ? formatModelName(key) : key || '(none)');
  const costBars = createMemo(() =>
    toBarSeries(rows.latest?.rows ?? [], [{ name: 'Cost', value: (r) => r.totalCost }], { nameOf: name }),
  );
  const latencyBars = createMemo(() =>
    toBarSeries(
      [...(rows.latest?.rows ?? [])].sort((a, b) => (b.p95LatencyMs ?? 0) - (a.p95LatencyMs ?? 0)),
      [
        { name: 'p50', value: (r) => r.p50LatencyMs },
        { name: 'p95', value: (r) => r.p95LatencyMs },
      ],
      { nameOf: name },
    ),
  );
  const heatmap = createMemo(() =>
    toMatrixHeatmap(matrix.latest?.cells ?? [], (c) => c.totalCalls, { columnName: formatModelName }),
  );
  return (
    <>
      <div class="grid cols-2">
        <Panel title={`Cost by ${props.by}`}>
          <ApexChart
            name={`cost-by-${props.by}-bars`}
            type="bar"
            height={280}
            series={costBars().series}
            options={{
              xaxis: { categories: costBars().categories, labels: { formatter: (v: string) => formatCost(Number(v)) } },
              plotOptions: { bar: { horizontal: true, borderRadius: 3, barHeight: '62%' } },
              tooltip: { y: { formatter: (v: number) => formatCost(v) } },
            }}
          />
        </Panel>
        <Panel title={`Latency by ${props.by}`} hint="p50 and p95 from hourly histograms">
          <ApexChart
            name={`latency-by-${props.by}`}
            type="bar"
            height={280}
            series={latencyBars().series}
            options={{
              colors: ['#22d3ee', '#fbbf24'],
              xaxis: { categories: latencyBars().categories },
              plotOptions: { bar: { columnWidth: '60%', borderRadius: 2 } },
              yaxis: { labels: { formatter: (v: number) => formatDuration(v) } },
              tooltip: { y: { formatter: (v: number) => formatDuration(v) } },
            }}
          />
        </Panel>
      </div>
      <Show when={props.by === 'agent'}>
        <Panel title="Which agents use which models" hint="Calls per agent and model">
          <ApexChart
            name="agent-model-heatmap"
            type="heatmap"
            height={300}
            series={heatmap()}
            options={{
              colors: ['#818cf8'],
              dataLabels: { enabled: true, formatter: (v: number) => (v ? formatCompact(v) : '') },
              plotOptions: { heatmap: { radius: 3, enableShades: true, shadeIntensity: 0.6 } },
              stroke: { width: 1 },
              legend: { show: false },
            }}
          />
        </Panel>
      </Show>
      <Panel title={props.by === 'model' ? 'Models' : 'Agents'} flush>
        <AsyncView resource={rows} skeletonHeight={240}>
          {(data) => (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{props.by === 'model' ? 'Model' : 'Agent'}</th>
                    <th class="num">Calls</th>
                    <th class="num">Cost</th>
                    <th>Share</th>
                    <th class="num">Tokens</th>
                    <th class="num">Avg latency</th>
                    <th class="num">p95</th>
                    <th class="num">Errors</th>
                    <th class="num">Judge</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={data.rows}>
                    {(r) => (
                      <tr>
                        <td>
                          {name(r.key)} <Show when={r.provider}>{(p) => <span class="faint">{p()}</span>}</Show>
                        </td>
                        <td class="num">{formatInteger(r.totalCalls)}</td>
                        <td class="num">{formatCost(r.totalCost)}</td>
                        <td>
                          <div class="row" style={{ gap: '8px', 'flex-wrap': 'nowrap' }}>
                            <div class="meter" style={{ width: '90px' }}>
                              <span style={{ width: `${(r.costShare * 100).toFixed(1)}%` }} />
                            </div>
                            <span class="faint">{formatPercent(r.costShare)}</span>
                          </div>
                        </td>
                        <td class="num">{formatCompact(r.totalTokens)}</td>
                        <td class="num">{formatDuration(r.avgLatencyMs)}</td>
                        <td class="num">{formatDuration(r.p95LatencyMs)}</td>
                        <td class="num">{formatPercent(r.errorRate)}</td>
                        <td class="num">{formatScore(r.avgJudgeScore)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </AsyncView>
      </Panel>
    </>
  );
}

function TrendsTab() {
  const state = useAppState();
  const [daily] = createResource(state.filter, (f) =>
    apiGet<{ points: TimeSeriesPoint[] }>('timeseries', { ...f, interval: f.range === '24h' ? 'hour' : 'day' }),
  );
  const [hourly] = createResource(state.filter, (f) =>
    apiGet<{ points: TimeSeriesPoint[] }>('timeseries', { ...f, interval: 'hour' }),
  );
  const step = () => stepForRange(state.range());
  const tokens = createMemo(() =>
    toMetricSeries(
      daily.latest?.points ?? [],
      [
        { name: 'Input tokens', value: (p) => p.promptTokens },
        { name: 'Output tokens', value: (p) => p.completionTokens },
      ],
      { stepMs: step() },
    ),
  );
  const quality = createMemo(() =>
    toMetricSeries(
      daily.latest?.points ?? [],
      [
        { name: 'Error rate %', value: (p) => (p.totalCalls ? p.errorRate * 100 : null) },
        { name: 'Cache hit rate %', value: (p) => (p.cacheHitRate === null ? null : p.cacheHitRate * 100) },
      ],
      { stepMs: step(), fill: null },
    ),
  );
  const latency = createMemo(() =>
    toMetricSeries(
      daily.latest?.points ?? [],
      [
        { name: 'Avg latency', value: (p) => (p.totalCalls ? p.avgLatencyMs : null) },
        { name: 'Avg time to first token', value: (p) => p.avgTtftMs },
      ],
      { stepMs: step(), fill: null },
    ),
  );
  const heatmap = createMemo(() =>
    toWeekdayHourHeatmap(hourly.latest?.points ?? [], (p) => p.totalCalls, state.timezone()),
  );
  return (
    <>
      <div class="grid cols-2">
        <Panel title="Tokens" hint="Input (incl. cached) and output per period">
          <ApexChart
            name="tokens-trend"
            type="area"
            height={260}
            series={tokens()}
            options={{
              chart: { stacked: true },
              colors: ['#818cf8', '#22d3ee'],
              fill: { type: 'gradient', gradient: { opacityFrom: 0.4, opacityTo: 0.05 } },
              xaxis: timeAxis(state.timezone()),
              yaxis: { labels: { formatter: (v: number) => formatCompact(v) } },
            }}
          />
        </Panel>
        <Panel title="Latency" hint="Average per period">
          <ApexChart
            name="latency-trend"
            type="line"
            height={260}
            series={latency()}
            options={{
              colors: ['#fbbf24', '#34d399'],
              xaxis: timeAxis(state.timezone()),
              yaxis: { labels: { formatter: (v: number) => formatDuration(v) } },
              tooltip: { y: { formatter: (v: number) => formatDuration(v) } },
            }}
          />
        </Panel>
      </div>
      <div class="grid cols-2">
        <Panel title="Error and cache hit rates" hint="Percent of calls / of cache lookups">
          <ApexChart
            name="rates-trend"
            type="line"
            height={260}
            series={quality()}
            options={{
              colors: ['#f87171', '#34d399'],
              xaxis: timeAxis(state.timezone()),
              yaxis: { min: 0, labels: { formatter: (v: number) => `${v.toFixed(0)}%` } },
              tooltip: { y: { formatter: (v: number) => `${v.toFixed(1)}%` } },
            }}
          />
        </Panel>
        <Panel
          title="When calls happen"
          hint={`Calls by weekday and hour (${state.timezone() === 'utc' ? 'UTC' : 'local time'})`}
        >
          <ApexChart
            name="weekday-hour-heatmap"
            type="heatmap"
            height={260}
            series={heatmap()}
            options={{
              colors: ['#22d3ee'],
              plotOptions: { heatmap: { radius: 2, shadeIntensity: 0.7 } },
              stroke: { width: 1 },
              legend: { show: false },
              xaxis: { labels: { rotate: 0, formatter: (v: string) => (Number(v) % 3 === 0 ? v : '') } },
            }}
          />
        </Panel>
      </div>
    </>
  );
}
