import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { EmptyResponse, RouterResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { stepForRange, useAppState } from '../app-state.js';
import { timeAxis } from '../charts/time-axis.js';
import { toDonutSeries } from '../charts/to-category-series.js';
import { toMatrixHeatmap } from '../charts/to-heatmap-series.js';
import { toStackedSeries } from '../charts/to-time-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { CiBar, formatEstimate } from '../components/ci-bar.js';
import { EmptyState } from '../components/empty-state.js';
import { KpiCard } from '../components/kpi-card.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { Segmented } from '../components/tabs.js';
import {
  formatAgo,
  formatCompact,
  formatCost,
  formatInteger,
  formatModelName,
  formatPercent,
  formatScore,
} from '../format.js';

const ROUTING_SNIPPET = `obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o-mini',
  promptTokens: 900, completionTokens: 150, latencyMs: 640,
  agentName: 'Triage',
  // What your router decided (Observatory never routes; it records):
  routingDecision: {
    chosenModel: 'gpt-4o-mini',
    alternativeModels: ['gpt-4o', 'claude-sonnet-4-5'],
    modelScores: { 'gpt-4o-mini': 0.82, 'gpt-4o': 0.74, 'claude-sonnet-4-5': 0.7 },
    reasoning: 'short classification task',
    estimatedCostSavings: 0.0041,
  },
})`;

/** Model Router: what your router chose, what it saved, and how well each choice worked. */
export function ModelRouterPage() {
  const state = useAppState();
  const [columns, setColumns] = createSignal<'agent' | 'operation'>('agent');
  const [data] = createResource(
    () => ({ ...state.filter(), columns: columns() }),
    (params) => apiGet<RouterResponse | EmptyResponse>('router', params),
  );
  const router = () => (data.latest && !data.latest.empty ? data.latest : null);

  const donut = createMemo(() =>
    toDonutSeries(
      (router()?.distribution ?? []).map((d) => ({ key: d.model, ...d })),
      (d) => d.routedCalls,
      { nameOf: formatModelName },
    ),
  );
  const trend = createMemo(() =>
    toStackedSeries(
      (router()?.trend ?? []).map((p) => ({ ...p, key: p.model })),
      { stepMs: stepForRange(state.range()), value: (p) => p.routedCalls, nameOf: formatModelName },
    ),
  );
  const matrix = createMemo(() =>
    toMatrixHeatmap(
      (router()?.matrix ?? []).filter((c) => c.judge.n > 0).map((c) => ({ ...c, row: c.model })),
      (c) => c.judge.mean,
      { rowName: formatModelName, missing: -1 },
    ),
  );
  const scatter = createMemo(() =>
    (router()?.scatter ?? [])
      .filter((m) => m.judge.mean !== null)
      .map((m) => ({
        name: formatModelName(m.model),
        data: [[m.costPerCall, Number(m.judge.mean?.toFixed(3)), m.calls]],
      })),
  );

  return (
    <>
      <PageHeader title="Model Router" subtitle="Your router's decisions, savings and outcomes" />
      <main class="content">
        <AsyncView resource={data} skeletonHeight={420}>
          {(d) => (
            <Switch>
              <Match when={d.empty}>
                <EmptyState title="No routing decisions recorded yet" code={ROUTING_SNIPPET}>
                  Observatory never routes. When your own router picks a model, pass its decision as routingDecision
                  with the call; this page then shows the chosen-model mix, savings and how each choice scored.
                </EmptyState>
              </Match>
              <Match when={router()}>
                {(r) => (
                  <>
                    <div class="grid kpis">
                      <KpiCard
                        label="Routed calls"
                        value={formatCompact(r().kpis.routedCalls)}
                        foot={`${formatPercent(r().kpis.routedShare)} of ${formatCompact(r().kpis.totalCalls)} calls`}
                      />
                      <KpiCard
                        label="Estimated savings"
                        value={formatCost(r().kpis.savings)}
                        foot="as your router estimated them"
                      />
                      <KpiCard
                        label="Models chosen"
                        value={String(r().kpis.modelsChosen)}
                        foot="distinct models picked"
                      />
                      <KpiCard
                        label="Avg judge score"
                        value={formatScore(r().kpis.avgJudgeScore)}
                        foot="all calls in range"
                      />
                    </div>
                    <div class="grid cols-1-2">
                      <Panel title="Model distribution" hint="Share of routed calls">
                        <ApexChart
                          name="router-distribution"
                          type="donut"
                          height={280}
                          series={donut().series}
                          options={{
                            labels: donut().labels,
                            legend: { position: 'bottom' },
                            stroke: { width: 0 },
                            plotOptions: { pie: { donut: { size: '66%' } } },
                            tooltip: { y: { formatter: (v: number) => `${formatInteger(v)} calls` } },
                          }}
                        />
                      </Panel>
                      <Panel title="Routed calls over time" hint="By chosen model">
                        <ApexChart
                          name="router-trend"
                          type="bar"
                          height={280}
                          series={trend()}
                          options={{
                            chart: { stacked: true },
                            plotOptions: { bar: { columnWidth: '72%' } },
                            xaxis: timeAxis(state.timezone()),
                            yaxis: { labels: { formatter: (v: number) => formatCompact(v) } },
                          }}
                        />
                      </Panel>
                    </div>
                    <div class="grid cols-2">
                      <Panel
                        title="Effectiveness matrix"
                        hint="Mean judge score per chosen model and column (cells with judged calls)"
                        actions={
                          <Segmented
                            options={
                              [
                                ['agent', 'Agent'],
                                ['operation', 'Operation'],
                              ] as const
                            }
                            value={columns()}
                            onChange={setColumns}
                            label="Columns"
                          />
                        }
                      >
                        <Show
                          when={matrix().length > 0}
                          fallback={<div class="faint">No judged calls among routed models yet.</div>}
                        >
                          <ApexChart
                            name="router-matrix"
                            type="heatmap"
                            height={300}
                            series={matrix()}
                            options={{
                              dataLabels: {
                                enabled: true,
                                formatter: (v: string | number | number[]) =>
                                  typeof v === 'number' && v >= 0 ? v.toFixed(1) : '',
                              },
                              plotOptions: {
                                heatmap: {
                                  radius: 3,
                                  enableShades: false,
                                  colorScale: {
                                    ranges: [
                                      { from: -1, to: -0.5, color: '#1b2440', name: 'no judged calls' },
                                      { from: 0, to: 6, color: '#f87171', name: 'below 6' },
                                      { from: 6, to: 7.5, color: '#fbbf24', name: '6 – 7.5' },
                                      { from: 7.5, to: 10, color: '#34d399', name: '7.5 and up' },
                                    ],
                                  },
                                },
                              },
                              stroke: { width: 2, colors: ['#121a30'] },
                              legend: { show: true, position: 'bottom' },
                              tooltip: {
                                y: {
                                  formatter: (v: number) => (v < 0 ? 'no judged calls' : `mean score ${v.toFixed(2)}`),
                                },
                              },
                            }}
                          />
                        </Show>
                      </Panel>
                      <Panel
                        title="Cost vs quality"
                        hint="Per model: cost per call against mean judge score (bubble = calls)"
                      >
                        <ApexChart
                          name="router-scatter"
                          type="bubble"
                          height={300}
                          series={scatter()}
                          options={{
                            xaxis: {
                              type: 'numeric',
                              min: 0,
                              decimalsInFloat: 4,
                              max: Math.max(0.0001, ...(router()?.scatter ?? []).map((m) => m.costPerCall)) * 1.2,
                              tickAmount: 6,
                              title: { text: 'Cost per call' },
                              labels: { formatter: (v: string) => formatCost(Number(v)) },
                            },
                            yaxis: {
                              title: { text: 'Judge score' },
                              min: 0,
                              max: 10,
                              labels: { formatter: (v: number) => v.toFixed(1) },
                            },
                            plotOptions: { bubble: { minBubbleRadius: 6, maxBubbleRadius: 18 } },
                            fill: { opacity: 0.75 },
                            grid: { padding: { left: 22, right: 22 } },
                            tooltip: {
                              shared: false,
                              intersect: true,
                              x: { formatter: (v: number) => `${formatCost(v)} per call` },
                              y: { formatter: (v: number) => `score ${v.toFixed(2)}` },
                              z: { title: 'calls' },
                            },
                            legend: { show: true },
                          }}
                        />
                      </Panel>
                    </div>
                    <div class="grid cols-2">
                      <Panel
                        title="Considered vs chosen"
                        hint={`Newest ${formatInteger(r().sample.size)} decisions`}
                        flush
                      >
                        <table class="table">
                          <thead>
                            <tr>
                              <th>Model</th>
                              <th class="num">Considered</th>
                              <th class="num">Chosen</th>
                              <th class="num">Win rate (95% CI)</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={r().considered}>
                              {(c) => (
                                <tr>
                                  <td class="nowrap">{formatModelName(c.model)}</td>
                                  <td class="num">{formatInteger(c.considered)}</td>
                                  <td class="num">{formatInteger(c.chosen)}</td>
                                  <td class="num">
                                    {formatPercent(c.winRate.rate)}{' '}
                                    <span class="faint">
                                      ({formatPercent(c.winRate.low, 0)}–{formatPercent(c.winRate.high, 0)})
                                    </span>
                                  </td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </Panel>
                      <Panel title="Quality by chosen model" hint="Mean judge score with 95% confidence interval" flush>
                        <table class="table">
                          <thead>
                            <tr>
                              <th>Model</th>
                              <th class="num">Routed</th>
                              <th class="num">Cost / call</th>
                              <th class="num">Score [95% CI]</th>
                              <th>Interval</th>
                              <th class="num">n</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={r().scatter.filter((m) => m.routedCalls > 0)}>
                              {(m) => (
                                <tr>
                                  <td>{formatModelName(m.model)}</td>
                                  <td class="num">{formatCompact(m.routedCalls)}</td>
                                  <td class="num">{formatCost(m.costPerCall)}</td>
                                  <td class="num">{formatEstimate(m.judge)}</td>
                                  <td style={{ width: '160px' }}>
                                    <CiBar estimate={m.judge} />
                                  </td>
                                  <td class="num faint">{formatInteger(m.judge.n)}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </Panel>
                    </div>
                    <Panel title="Decision examples" hint="Newest routing decisions" flush>
                      <div class="table-wrap">
                        <table class="table">
                          <thead>
                            <tr>
                              <th>When</th>
                              <th>Agent</th>
                              <th>Chosen</th>
                              <th>Alternatives (scores)</th>
                              <th>Reasoning</th>
                              <th class="num">Saved</th>
                              <th class="num">Judge</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={r().examples.slice(0, 12)}>
                              {(e) => (
                                <tr>
                                  <td class="faint nowrap">{formatAgo(e.timestamp, state.now())}</td>
                                  <td>{e.agentName ?? '—'}</td>
                                  <td>
                                    <span class="badge">{formatModelName(e.decision?.chosenModel)}</span>
                                  </td>
                                  <td class="muted">
                                    {(e.decision?.alternativeModels ?? [])
                                      .map(
                                        (m) =>
                                          `${formatModelName(m)} (${(e.decision?.modelScores[m] ?? 0).toFixed(2)})`,
                                      )
                                      .join(', ') || '—'}
                                  </td>
                                  <td class="truncate muted" style={{ 'max-width': '360px' }}>
                                    {e.decision?.reasoning ?? ''}
                                  </td>
                                  <td class="num">{formatCost(e.decision?.estimatedCostSavings ?? 0)}</td>
                                  <td class="num">{e.judgeScore ?? '—'}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </Panel>
                  </>
                )}
              </Match>
            </Switch>
          )}
        </AsyncView>
      </main>
    </>
  );
}
