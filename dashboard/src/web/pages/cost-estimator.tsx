import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type {
  BreakdownRow,
  CatalogModel,
  CostResponse,
  FiltersResponse,
  ScenarioResponse,
} from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { timeAxis } from '../charts/time-axis.js';
import { type BandPoint, toBandSeries } from '../charts/to-band-series.js';
import { toBarSeries } from '../charts/to-category-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { formatEstimate } from '../components/ci-bar.js';
import { KpiCard } from '../components/kpi-card.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { Segmented, Tabs } from '../components/tabs.js';
import {
  formatCompact,
  formatCost,
  formatDuration,
  formatInteger,
  formatModelName,
  formatPercent,
  formatPValue,
} from '../format.js';

const DAY = 86_400_000;
type Mode = 'simple' | 'advanced';
type By = 'model' | 'agent' | 'operation';

/**
 * Cost Estimator: spend and its forecast from the observed daily run-rate (simple, or a
 * trend with weekday pattern plus your own growth assumption), scenario repricing of real
 * traffic on another model, breakdowns, cache and routing savings, and recommendations.
 */
export function CostEstimatorPage() {
  const state = useAppState();
  const [horizon, setHorizon] = createSignal<'7' | '30' | '90'>('30');
  const [mode, setMode] = createSignal<Mode>('simple');
  const [growth, setGrowth] = createSignal(0);
  const [by, setBy] = createSignal<By>('model');
  const [cost] = createResource(
    () => ({ ...state.filter(), horizon: horizon() }),
    (params) => apiGet<CostResponse>('cost', params),
  );

  // Advanced: the fitted trend, then the user's monthly growth compounding on top.
  const advanced = createMemo(() => {
    const forecast = cost.latest?.forecast?.advanced;
    if (!forecast) return null;
    const start = forecast.points[0]?.day ?? 0;
    const factor = (day: number) => (1 + growth() / 100) ** ((day - start) / (30 * DAY));
    const points = forecast.points.map((p) => ({
      ...p,
      cost: p.cost * factor(p.day),
      low: p.low * factor(p.day),
      high: p.high * factor(p.day),
    }));
    const scale = points.reduce((s, p) => s + p.cost, 0) / Math.max(1e-12, forecast.total);
    return { points, total: forecast.total * scale, low: forecast.low * scale, high: forecast.high * scale };
  });

  const projection = () => {
    const forecast = cost.latest?.forecast;
    if (!forecast) return null;
    return mode() === 'advanced' && advanced() ? advanced() : forecast.simple;
  };

  const chart = createMemo(() => {
    const forecast = cost.latest?.forecast;
    if (!forecast) return [];
    const observed: BandPoint[] = forecast.history.map((d) => ({ time: d.day, value: d.cost, low: null, high: null }));
    const projected: BandPoint[] =
      mode() === 'advanced' && advanced()
        ? (advanced()?.points ?? []).map((p) => ({ time: p.day, value: p.cost, low: p.low, high: p.high }))
        : Array.from({ length: forecast.horizonDays }, (_, i) => {
            const day = (forecast.history.at(-1)?.day ?? 0) + (i + 1) * DAY;
            return {
              time: day,
              value: forecast.runRatePerDay,
              low: forecast.simple.day.low,
              high: forecast.simple.day.high,
            };
          });
    return toBandSeries(observed, projected, { observed: 'Daily spend', projected: 'Forecast', band: '95% range' });
  });

  const breakdown = (data: CostResponse): BreakdownRow[] =>
    by() === 'model' ? data.byModel : by() === 'agent' ? data.byAgent : data.byOperation;

  return (
    <>
      <PageHeader title="Cost Estimator" subtitle="Forecasts, what-if repricing and savings, from recorded traffic" />
      <main class="content">
        <AsyncView resource={cost} skeletonHeight={110}>
          {(data) => (
            <div class="grid kpis">
              <KpiCard
                label="Spend in range"
                value={formatCost(data.totals.totalCost)}
                foot={`${formatCompact(data.totals.totalCalls)} calls over ${data.range.days.toFixed(data.range.days < 2 ? 1 : 0)} days`}
              />
              <KpiCard
                label="Daily run-rate"
                value={formatCost(data.forecast?.runRatePerDay ?? null)}
                foot={
                  data.forecast
                    ? `mean of the last ${Math.min(7, data.forecast.history.length)} full days`
                    : 'needs one full day'
                }
              />
              <KpiCard
                label={`Next ${horizon()} days`}
                value={formatCost(projection()?.total ?? null)}
                foot={projection() ? `${formatCost(projection()?.low)} – ${formatCost(projection()?.high)} (95%)` : '—'}
              />
              <KpiCard
                label="Saved in range"
                value={formatCost(data.savings.total)}
                foot="cache, prompt caching and routing"
              />
            </div>
          )}
        </AsyncView>

        <Panel
          title="Spend forecast"
          hint={
            mode() === 'simple'
              ? 'Run-rate × days, range from day-to-day spread'
              : 'Linear trend with weekday pattern, 95% prediction range, plus your growth assumption'
          }
          actions={
            <>
              <Show when={mode() === 'advanced'}>
                <label class="toggle" title="Monthly growth on top of the fitted trend">
                  Growth/month
                  <input
                    type="range"
                    min="-50"
                    max="100"
                    step="5"
                    value={growth()}
                    onInput={(e) => setGrowth(Number(e.currentTarget.value))}
                  />
                  <span class="mono">
                    {growth() > 0 ? '+' : ''}
                    {growth()}%
                  </span>
                </label>
              </Show>
              <Segmented
                options={
                  [
                    ['simple', 'Simple'],
                    ['advanced', 'Advanced'],
                  ] as const
                }
                value={mode()}
                onChange={setMode}
                label="Forecast model"
              />
              <Segmented
                options={
                  [
                    ['7', '7d'],
                    ['30', '30d'],
                    ['90', '90d'],
                  ] as const
                }
                value={horizon()}
                onChange={setHorizon}
                label="Horizon"
              />
            </>
          }
        >
          <Show
            when={cost.latest?.forecast}
            fallback={<div class="faint">A forecast needs at least one complete day of calls.</div>}
          >
            <ApexChart
              name="cost-forecast"
              type="rangeArea"
              height={300}
              series={chart()}
              options={{
                colors: ['#818cf8', '#22d3ee', '#818cf8'],
                fill: { opacity: [0.12, 1, 1] },
                stroke: { curve: 'straight', width: [0, 2, 2], dashArray: [0, 0, 5] },
                xaxis: timeAxis(state.timezone()),
                yaxis: { min: 0, labels: { formatter: (v: number) => formatCost(v) } },
                tooltip: { shared: true, y: { formatter: (v: number) => formatCost(v) } },
                legend: { show: true },
              }}
            />
          </Show>
        </Panel>

        <div class="grid cols-2">
          <ScenarioPanel recommendation={cost.latest?.recommendations.find((r) => r.scenario)?.scenario} />
          <Panel title="Savings" hint="What your cache, provider prompt caching and router saved in range">
            <AsyncView resource={cost} skeletonHeight={220}>
              {(data) => (
                <div>
                  <div class="stat-row">
                    <div>
                      <strong>Response cache</strong>
                      <div class="faint">
                        {formatInteger(data.savings.responseCache.hits)} hits of{' '}
                        {formatInteger(data.savings.responseCache.lookups)} lookups, each priced as the average miss of
                        its agent and model
                      </div>
                    </div>
                    <span class="big-number">{formatCost(data.savings.responseCache.dollars)}</span>
                  </div>
                  <div class="stat-row">
                    <div>
                      <strong>Provider prompt caching</strong>
                      <div class="faint">
                        {formatCompact(data.savings.promptCache.cachedTokens)} input tokens read from cache instead of
                        full price
                      </div>
                    </div>
                    <span class="big-number">{formatCost(data.savings.promptCache.dollars)}</span>
                  </div>
                  <div class="stat-row">
                    <div>
                      <strong>Routing</strong>
                      <div class="faint">
                        {formatInteger(data.savings.routing.calls)} routed calls, savings as estimated by your router
                      </div>
                    </div>
                    <span class="big-number">{formatCost(data.savings.routing.dollars)}</span>
                  </div>
                </div>
              )}
            </AsyncView>
          </Panel>
        </div>

        <div class="grid cols-2">
          <Panel
            title="Where the money goes"
            actions={
              <Tabs
                tabs={
                  [
                    ['model', 'Model'],
                    ['agent', 'Agent'],
                    ['operation', 'Operation'],
                  ] as const
                }
                value={by()}
                onChange={setBy}
              />
            }
          >
            <AsyncView resource={cost} skeletonHeight={300}>
              {(data) => {
                const bars = () =>
                  toBarSeries(breakdown(data), [{ name: 'Cost', value: (r) => r.totalCost }], {
                    nameOf: by() === 'model' ? formatModelName : undefined,
                    limit: 10,
                  });
                return (
                  <>
                    <ApexChart
                      name="cost-breakdown"
                      type="bar"
                      height={Math.max(200, bars().categories.length * 30)}
                      series={bars().series}
                      options={{
                        xaxis: {
                          categories: bars().categories,
                          labels: { formatter: (v: string) => formatCost(Number(v)) },
                        },
                        plotOptions: {
                          bar: { horizontal: true, borderRadius: 3, barHeight: '60%', distributed: true },
                        },
                        legend: { show: false },
                        tooltip: { y: { formatter: (v: number) => formatCost(v) } },
                      }}
                    />
                    <table class="table">
                      <thead>
                        <tr>
                          <th>{by() === 'model' ? 'Model' : by() === 'agent' ? 'Agent' : 'Operation'}</th>
                          <th class="num">Calls</th>
                          <th class="num">Cost / call</th>
                          <th class="num">Share</th>
                          <th class="num">Cost</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={breakdown(data).slice(0, 8)}>
                          {(row) => (
                            <tr>
                              <td class="nowrap">
                                {by() === 'model' ? formatModelName(row.key) : row.key || '(none)'}
                              </td>
                              <td class="num">{formatCompact(row.totalCalls)}</td>
                              <td class="num">{formatCost(row.totalCalls ? row.totalCost / row.totalCalls : 0)}</td>
                              <td class="num">{formatPercent(row.costShare)}</td>
                              <td class="num">{formatCost(row.totalCost)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </>
                );
              }}
            </AsyncView>
          </Panel>
          <Panel title="Recommendations" hint="Computed from your traffic and judge scores">
            <AsyncView resource={cost} skeletonHeight={300}>
              {(data) => (
                <Show
                  when={data.recommendations.length > 0}
                  fallback={
                    <div class="faint">
                      Nothing to recommend: no cheaper model scores as well with enough judged calls, and long prompts
                      are already cached.
                    </div>
                  }
                >
                  <For each={data.recommendations.slice(0, 4)}>
                    {(r) => (
                      <div class="reco">
                        <div class="reco-icon">$</div>
                        <div class="stack" style={{ gap: '4px' }}>
                          <strong>{r.title}</strong>
                          <span class="faint">{r.detail}</span>
                          <span class="badge green" style={{ 'align-self': 'flex-start' }}>
                            ≈ {formatCost(r.monthlySavings)} / month
                          </span>
                        </div>
                      </div>
                    )}
                  </For>
                </Show>
              )}
            </AsyncView>
          </Panel>
        </div>
      </main>
    </>
  );
}

/** Reprice one agent's (or model's) real traffic on another model. */
function ScenarioPanel(props: { recommendation?: { agent: string; model: string; target: string } }) {
  const state = useAppState();
  const [filters] = createResource(
    () => state.project(),
    (project) => apiGet<FiltersResponse>('filters', { project }),
  );
  const [catalog] = createResource(
    () => state.project(),
    (project) => apiGet<CatalogModel[]>('models/catalog', { project }),
  );
  const [agent, setAgent] = createSignal('');
  const [model, setModel] = createSignal('');
  const [target, setTarget] = createSignal('');
  let prefilled = false;
  createEffect(() => {
    const reco = props.recommendation;
    const models = filters.latest?.models;
    if (prefilled || !models) return;
    prefilled = true;
    if (reco) {
      setAgent(reco.agent);
      setModel(reco.model);
      setTarget(reco.target);
    } else {
      setModel(models[0] ?? '');
      setTarget(catalog.latest?.find((m) => m.model !== models[0])?.model ?? 'gpt-4o-mini');
    }
  });
  const [scenario] = createResource(
    () => (target() ? { ...state.filter(), agent: agent(), model: model(), target: target() } : false),
    (params) => apiGet<ScenarioResponse>('cost/scenario', params),
  );
  return (
    <Panel title="Scenario comparison" hint="Reprice real traffic with another model's prices">
      <div class="stack">
        <div class="row">
          <label class="field">
            Agent
            <select class="select" value={agent()} onChange={(e) => setAgent(e.currentTarget.value)}>
              <option value="">All agents</option>
              <For each={filters.latest?.agents ?? []}>
                {(a) => (
                  <option value={a} selected={a === agent()}>
                    {a}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label class="field">
            Currently on
            <select class="select" value={model()} onChange={(e) => setModel(e.currentTarget.value)}>
              <option value="">Any model</option>
              <For each={filters.latest?.models ?? []}>
                {(m) => (
                  <option value={m} selected={m === model()}>
                    {formatModelName(m)}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label class="field">
            Instead on
            <select class="select" value={target()} onChange={(e) => setTarget(e.currentTarget.value)}>
              <For each={catalog.latest ?? []}>
                {(m) => (
                  <option value={m.model} selected={m.model === target()}>
                    {formatModelName(m.model)} (${m.inputPerMTok.toFixed(2)} / ${m.outputPerMTok.toFixed(2)} per M)
                  </option>
                )}
              </For>
            </select>
          </label>
        </div>
        <AsyncView resource={scenario} skeletonHeight={160}>
          {(s) => (
            <div class="stack" data-scenario>
              <div class="split">
                <div>
                  <div class="faint">
                    {agent() || 'All agents'} on {model() ? formatModelName(model()) : 'their models'} (
                    {formatInteger(s.calls)} calls)
                  </div>
                  <div class="big-number">{formatCost(s.currentCost)}</div>
                </div>
                <div>
                  <div class="faint">Same traffic on {formatModelName(s.target.model)}</div>
                  <div class="big-number">{formatCost(s.projectedCost)}</div>
                </div>
              </div>
              <div
                class={s.difference <= 0 ? 'badge green' : 'badge red'}
                style={{ 'align-self': 'flex-start', 'font-size': '13px', padding: '4px 10px' }}
              >
                {s.difference <= 0 ? 'Saves' : 'Costs'} {formatCost(Math.abs(s.monthlyDifference))} per month (
                {formatPercent(s.currentCost ? Math.abs(s.difference) / s.currentCost : 0)}{' '}
                {s.difference <= 0 ? 'less' : 'more'})
              </div>
              <div class="faint">
                Quality (judge): now {formatEstimate(s.quality.current)} (n={s.quality.current.n});{' '}
                {formatModelName(s.target.model)} elsewhere in this project {formatEstimate(s.quality.target)} (n=
                {s.quality.target.n})
                <Show when={s.quality.test}>
                  {(t) =>
                    ` · difference ${t().difference >= 0 ? '+' : ''}${t().difference.toFixed(2)}, ${formatPValue(t().pValue)}`
                  }
                </Show>
                <Show when={s.latency.targetAvgMs !== null}>
                  {' '}
                  · latency {formatDuration(s.latency.currentAvgMs)} → {formatDuration(s.latency.targetAvgMs)}
                </Show>
              </div>
            </div>
          )}
        </AsyncView>
      </div>
    </Panel>
  );
}
