import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { CacheCluster, CacheResponse, EmptyResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { stepForRange, useAppState } from '../app-state.js';
import { timeAxis } from '../charts/time-axis.js';
import { toBarSeries } from '../charts/to-category-series.js';
import { toMetricSeries } from '../charts/to-time-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { EmptyState } from '../components/empty-state.js';
import { KpiCard } from '../components/kpi-card.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { formatAgo, formatCompact, formatCost, formatInteger, formatModelName, formatPercent } from '../format.js';

const CACHE_SNIPPET = `const cached = await myCache.get(key)
obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o',
  promptTokens: cached ? 0 : usage.prompt_tokens,   // a hit spends nothing
  completionTokens: cached ? 0 : usage.completion_tokens,
  latencyMs, agentName: 'Responder', prompt,
  cacheMetadata: { cacheHit: Boolean(cached), cacheKey: key, cacheClusterId: 'faq-billing' },
})`;

/**
 * Cache Analyzer: your cache's hits and misses (rollups), and near-duplicate prompt
 * clusters (MinHash + LSH over the newest prompts, similarity ≥ threshold), each scored for
 * cacheability with the dollars a cache would save.
 */
export function CacheAnalyzerPage() {
  const state = useAppState();
  const [threshold, setThreshold] = createSignal(70);
  const [expanded, setExpanded] = createSignal<string | null>(null);
  const [data] = createResource(
    () => ({ ...state.filter(), threshold: threshold() }),
    (params) => apiGet<CacheResponse | EmptyResponse>('cache', params),
  );
  const cache = () => (data.latest && !data.latest.empty ? data.latest : null);
  const timeline = createMemo(() =>
    toMetricSeries(
      cache()?.timeline ?? [],
      [
        { name: 'Hits', value: (p) => p.hits },
        { name: 'Misses', value: (p) => p.misses },
      ],
      { stepMs: stepForRange(state.range()) },
    ),
  );
  const agents = createMemo(() =>
    toBarSeries(
      (cache()?.byAgent ?? []).map((a) => ({ key: a.agent, ...a })),
      [{ name: 'Hit rate %', value: (a) => (a.hitRate.rate === null ? null : Math.round(a.hitRate.rate * 1000) / 10) }],
    ),
  );

  return (
    <>
      <PageHeader title="Cache Analyzer" subtitle="Hit rates, and what a cache could still serve" />
      <main class="content">
        <AsyncView resource={data} skeletonHeight={420}>
          {(d) => (
            <Switch>
              <Match when={d.empty}>
                <EmptyState title="No prompts or cache lookups recorded yet" code={CACHE_SNIPPET}>
                  Record prompts (on by default) to find near-duplicate prompts a cache could serve, and pass
                  cacheMetadata with each call to compare with what your cache actually hits.
                </EmptyState>
              </Match>
              <Match when={cache()}>
                {(c) => (
                  <>
                    <div class="grid kpis">
                      <KpiCard
                        label="Cache hit rate"
                        value={formatPercent(c().kpis.hitRate.rate)}
                        foot={
                          c().kpis.hitRate.rate === null
                            ? 'no lookups recorded'
                            : `95% CI ${formatPercent(c().kpis.hitRate.low)}–${formatPercent(c().kpis.hitRate.high)}`
                        }
                      />
                      <KpiCard
                        label="Lookups"
                        value={formatCompact(c().kpis.lookups)}
                        foot={`${formatCompact(c().kpis.hits)} hits`}
                      />
                      <KpiCard
                        label="Prompt clusters"
                        value={formatInteger(c().kpis.clusters)}
                        foot={`similarity ≥ ${threshold()}%`}
                      />
                      <KpiCard
                        label="Cacheable prompts"
                        value={formatPercent(c().kpis.cacheableShare)}
                        foot={`of the newest ${formatCompact(c().sample.size)} prompts`}
                      />
                      <KpiCard
                        label="Potential savings"
                        value={formatCost(c().kpis.potentialMonthlySavings)}
                        foot="per month, at the recent rate"
                      />
                    </div>
                    <div class="grid cols-2-1">
                      <Panel title="Hits and misses" hint="Cache lookups you recorded">
                        <Show
                          when={c().kpis.lookups > 0}
                          fallback={
                            <EmptyState title="No cache lookups recorded" code={CACHE_SNIPPET}>
                              The clusters below are estimates from prompts alone.
                            </EmptyState>
                          }
                        >
                          <ApexChart
                            name="cache-timeline"
                            type="bar"
                            height={260}
                            series={timeline()}
                            options={{
                              chart: { stacked: true },
                              colors: ['#34d399', '#475569'],
                              plotOptions: { bar: { columnWidth: '72%' } },
                              xaxis: timeAxis(state.timezone()),
                              yaxis: { labels: { formatter: (v: number) => formatCompact(v) } },
                            }}
                          />
                        </Show>
                      </Panel>
                      <Panel title="Hit rate by agent">
                        <ApexChart
                          name="cache-by-agent"
                          type="bar"
                          height={Math.max(150, Math.min(260, 80 + agents().categories.length * 44))}
                          series={agents().series}
                          options={{
                            colors: ['#22d3ee'],
                            xaxis: {
                              categories: agents().categories,
                              max: 100,
                              labels: { formatter: (v: string) => `${Number(v).toFixed(0)}%` },
                            },
                            plotOptions: {
                              bar: {
                                horizontal: true,
                                borderRadius: 3,
                                barHeight: agents().categories.length < 3 ? '42%' : '62%',
                              },
                            },
                            tooltip: { y: { formatter: (v: number) => `${v}%` } },
                          }}
                        />
                      </Panel>
                    </div>
                    <Panel
                      title="Prompt clusters"
                      hint={c().sample.method}
                      actions={
                        <label class="toggle">
                          Similarity ≥
                          <input
                            type="range"
                            min="50"
                            max="95"
                            step="5"
                            value={threshold()}
                            onChange={(e) => setThreshold(Number(e.currentTarget.value))}
                          />
                          <span class="mono">{threshold()}%</span>
                        </label>
                      }
                      flush
                    >
                      <div class="table-wrap">
                        <table class="table" data-clusters>
                          <thead>
                            <tr>
                              <th>Representative prompt</th>
                              <th class="num">Calls</th>
                              <th class="num">Similarity</th>
                              <th>Cacheability</th>
                              <th class="num">Your hit rate</th>
                              <th>Agents</th>
                              <th class="num">Saves / month</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For
                              each={c().clusters.slice(0, 25)}
                              fallback={
                                <tr>
                                  <td colspan="7" class="faint">
                                    No near-duplicate prompts at this similarity.
                                  </td>
                                </tr>
                              }
                            >
                              {(cluster) => (
                                <ClusterRows
                                  cluster={cluster}
                                  open={expanded() === cluster.id}
                                  onToggle={() => setExpanded(expanded() === cluster.id ? null : cluster.id)}
                                />
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </Panel>
                    <Panel title="Recommendations">
                      <For
                        each={c().recommendations}
                        fallback={<div class="faint">No cacheable clusters found in the sample.</div>}
                      >
                        {(r) => (
                          <div class="reco">
                            <div class="reco-icon">◎</div>
                            <div class="stack" style={{ gap: '4px' }}>
                              <strong>{r.title}</strong>
                              <span class="faint">{r.detail}</span>
                              <Show when={r.monthlySavings > 0}>
                                <span class="badge green" style={{ 'align-self': 'flex-start' }}>
                                  ≈ {formatCost(r.monthlySavings)} / month
                                </span>
                              </Show>
                            </div>
                          </div>
                        )}
                      </For>
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

function ClusterRows(props: { cluster: CacheCluster; open: boolean; onToggle: () => void }) {
  const state = useAppState();
  const c = () => props.cluster;
  return (
    <>
      <tr class="clickable" onClick={props.onToggle}>
        <td class="truncate" style={{ 'max-width': '460px' }} title={c().representative}>
          {c().representative}
        </td>
        <td class="num">{formatInteger(c().size)}</td>
        <td class="num">{formatPercent(c().similarity, 0)}</td>
        <td>
          <div class="row" style={{ gap: '8px', 'flex-wrap': 'nowrap' }}>
            <div class="meter" style={{ width: '80px' }}>
              <span style={{ width: `${c().cacheability}%` }} />
            </div>
            <span class="mono">{c().cacheability}</span>
          </div>
        </td>
        <td class="num">
          {c().hitRate === null ? <span class="faint">not recorded</span> : formatPercent(c().hitRate)}
        </td>
        <td class="muted">
          {c()
            .agents.map((a) => a.name)
            .join(', ')}
        </td>
        <td class="num">
          <span class="badge green">{formatCost(c().monthlySavings)}</span>
        </td>
      </tr>
      <Show when={props.open}>
        <tr>
          <td colspan="7">
            <div class="stack">
              <div class="faint">
                {c().uniquePrompts} distinct prompts · {formatCost(c().cost)} spent in sample · avg{' '}
                {formatCompact(c().avgPromptTokens)} input tokens · models{' '}
                {c()
                  .models.map((m) => formatModelName(m.name))
                  .join(', ')}{' '}
                · seen {formatAgo(c().firstSeen, state.now())} to {formatAgo(c().lastSeen, state.now())}
                <Show when={c().userClusterIds.length > 0}>
                  {' '}
                  · your cluster ids:{' '}
                  {c()
                    .userClusterIds.map((u) => u.name)
                    .join(', ')}
                </Show>
              </div>
              <For each={c().examples}>{(example) => <div class="text-block">{example}</div>}</For>
            </div>
          </td>
        </tr>
      </Show>
    </>
  );
}
