import { createEffect, createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type {
  EmptyResponse,
  JudgeCompareResponse,
  JudgeExample,
  JudgeResponse,
  LeaderboardRow,
} from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { useAppState } from '../app-state.js';
import { timeAxis } from '../charts/time-axis.js';
import { toBandSeries } from '../charts/to-band-series.js';
import { toDonutSeries } from '../charts/to-category-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { CiBar, formatEstimate } from '../components/ci-bar.js';
import { EmptyState } from '../components/empty-state.js';
import { KpiCard } from '../components/kpi-card.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { Segmented } from '../components/tabs.js';
import { formatAgo, formatCompact, formatInteger, formatModelName, formatPercent, formatPValue } from '../format.js';

const JUDGE_SNIPPET = `const verdict = await myJudge.score(prompt, answer)   // your own LLM-as-judge
obs.recordCall({
  provider: 'anthropic', modelName: 'claude-sonnet-4-5',
  promptTokens: 2400, completionTokens: 380, latencyMs: 3100,
  agentName: 'Writer', prompt, responseText: answer,
  qualityEvaluation: {
    judgeScore: verdict.score,            // 0..10
    hallucinationFlag: verdict.hallucinated,
    factualError: verdict.factualError,
    errorCategory: verdict.category,      // e.g. 'incomplete'
    reasoning: verdict.why, suggestions: verdict.suggestions,
  },
})`;

/** LLM Judge: quality KPIs with intervals, trend, leaderboards, error categories, examples and A/B tests. */
export function LlmJudgePage() {
  const state = useAppState();
  const [data] = createResource(state.filter, (f) => apiGet<JudgeResponse | EmptyResponse>('judge', f));
  const judge = () => (data.latest && !data.latest.empty ? data.latest : null);
  const trend = createMemo(() =>
    toBandSeries(
      (judge()?.trend ?? []).map((p) => ({ time: p.time, value: p.mean, low: p.low, high: p.high })),
      [],
      { observed: 'Mean score', band: '95% CI' },
    ),
  );
  const categories = createMemo(() =>
    toDonutSeries(
      (judge()?.errorCategories ?? []).map((c) => ({ key: c.category, ...c })),
      (c) => c.count,
    ),
  );

  return (
    <>
      <PageHeader title="LLM Judge" subtitle="Quality as your judge scored it, with sample sizes and intervals" />
      <main class="content">
        <AsyncView resource={data} skeletonHeight={420}>
          {(d) => (
            <Switch>
              <Match when={d.empty}>
                <EmptyState title="No judge verdicts recorded yet" code={JUDGE_SNIPPET}>
                  Observatory does not judge. Run your own evaluator and pass its verdict as qualityEvaluation; this
                  page then shows scores over time, leaderboards with confidence intervals and A/B comparisons.
                </EmptyState>
              </Match>
              <Match when={judge()}>
                {(j) => (
                  <>
                    <div class="grid kpis">
                      <KpiCard
                        label="Mean judge score"
                        value={j().kpis.score.mean?.toFixed(2) ?? '—'}
                        foot={
                          j().kpis.score.low !== null
                            ? `95% CI ${j().kpis.score.low?.toFixed(2)}–${j().kpis.score.high?.toFixed(2)}`
                            : ''
                        }
                      />
                      <KpiCard
                        label="Judged calls"
                        value={formatCompact(j().kpis.judgedCalls)}
                        foot={`${formatPercent(j().kpis.coverage)} of calls`}
                      />
                      <KpiCard
                        label="Hallucination rate"
                        value={formatPercent(j().kpis.hallucinations.rate)}
                        foot={`${formatInteger(j().kpis.hallucinations.count)} flagged · CI ${formatPercent(j().kpis.hallucinations.low)}–${formatPercent(j().kpis.hallucinations.high)}`}
                      />
                      <KpiCard
                        label="Factual error rate"
                        value={formatPercent(j().kpis.factualErrors.rate)}
                        foot={`${formatInteger(j().kpis.factualErrors.count)} flagged`}
                      />
                    </div>
                    <div class="grid cols-2-1">
                      <Panel title="Score over time" hint="Mean with its 95% confidence interval">
                        <ApexChart
                          name="judge-trend"
                          type="rangeArea"
                          height={280}
                          series={trend()}
                          options={{
                            colors: ['#818cf8', '#818cf8'],
                            fill: { opacity: [0.2, 1] },
                            stroke: { curve: 'straight', width: [0, 2] },
                            xaxis: timeAxis(state.timezone()),
                            yaxis: {
                              min: Math.max(
                                0,
                                Math.floor(Math.min(...j().trend.map((p) => p.low ?? p.mean ?? 10)) - 1),
                              ),
                              max: 10,
                              labels: { formatter: (v: number) => v.toFixed(1) },
                            },
                            tooltip: { y: { formatter: (v: number) => v.toFixed(2) } },
                          }}
                        />
                      </Panel>
                      <Panel title="Score distribution" hint={`Newest ${formatInteger(j().sample.size)} judged calls`}>
                        <ApexChart
                          name="judge-histogram"
                          type="bar"
                          height={280}
                          series={[{ name: 'Calls', data: j().histogram.map((h) => h.count) }]}
                          options={{
                            xaxis: { categories: j().histogram.map((h) => String(h.score)), title: { text: 'Score' } },
                            plotOptions: { bar: { columnWidth: '80%', borderRadius: 2, distributed: true } },
                            colors: [
                              '#f87171',
                              '#f87171',
                              '#f87171',
                              '#fb923c',
                              '#fb923c',
                              '#fbbf24',
                              '#fbbf24',
                              '#a3e635',
                              '#34d399',
                              '#34d399',
                              '#22d3ee',
                            ],
                            legend: { show: false },
                          }}
                        />
                      </Panel>
                    </div>
                    <div class="grid cols-2">
                      <Leaderboard title="Model leaderboard" rows={j().leaderboards.model} nameOf={formatModelName} />
                      <Leaderboard
                        title="Agent leaderboard"
                        rows={j().leaderboards.agent}
                        nameOf={(k) => k || '(none)'}
                      />
                    </div>
                    <div class="grid cols-1-2">
                      <Panel title="Error categories" hint="Categories your judge gave low scores">
                        <Show
                          when={categories().series.length > 0}
                          fallback={<div class="faint">No error categories recorded.</div>}
                        >
                          <ApexChart
                            name="judge-categories"
                            type="donut"
                            height={280}
                            series={categories().series}
                            options={{
                              labels: categories().labels,
                              legend: { position: 'bottom' },
                              stroke: { width: 0 },
                            }}
                          />
                        </Show>
                      </Panel>
                      <ComparePanel judged={j().leaderboards} />
                    </div>
                    <div class="grid cols-2">
                      <Examples title="Best answers" examples={j().best} />
                      <Examples title="Worst answers" examples={j().worst} />
                    </div>
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

function Leaderboard(props: { title: string; rows: LeaderboardRow[]; nameOf: (key: string) => string }) {
  return (
    <Panel title={props.title} hint="Mean score [95% CI]; rows with few judged calls have wide intervals" flush>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>Name</th>
              <th class="num">Score</th>
              <th>Interval (0–10)</th>
              <th class="num">n</th>
              <th class="num">Halluc.</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <td class="nowrap">{props.nameOf(row.key)}</td>
                  <td class="num">{formatEstimate(row.score)}</td>
                  <td style={{ width: '90px', 'min-width': '90px' }}>
                    <CiBar estimate={row.score} />
                  </td>
                  <td class="num faint">{formatInteger(row.score.n)}</td>
                  <td class="num">{formatPercent(row.hallucinationRate.rate)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

/** Compares two models or agents; only those with judged calls (the leaderboards' rows) are offered. */
function ComparePanel(props: { judged: { model: LeaderboardRow[]; agent: LeaderboardRow[] } }) {
  const state = useAppState();
  const [by, setBy] = createSignal<'model' | 'agent'>('model');
  const [a, setA] = createSignal('');
  const [b, setB] = createSignal('');
  const options = () => props.judged[by()].map((row) => row.key);
  createEffect(() => {
    const list = options();
    if (list.length >= 2 && (!list.includes(a()) || !list.includes(b()))) {
      setA(list[0]);
      setB(list[1]);
    }
  });
  const [result] = createResource(
    () => (a() && b() ? { ...state.filter(), by: by(), a: a(), b: b() } : false),
    (params) => apiGet<JudgeCompareResponse>('judge/compare', params),
  );
  const name = (key: string) => (by() === 'model' ? formatModelName(key) : key);
  return (
    <Panel
      title="A/B comparison"
      hint="Welch's t-test on judge scores"
      actions={
        <Segmented
          options={
            [
              ['model', 'Models'],
              ['agent', 'Agents'],
            ] as const
          }
          value={by()}
          onChange={setBy}
        />
      }
    >
      <div class="stack" data-judge-compare>
        <div class="row">
          <select class="select" aria-label="A" value={a()} onChange={(e) => setA(e.currentTarget.value)}>
            <For each={options()}>{(o) => <option value={o}>{name(o)}</option>}</For>
          </select>
          <span class="faint">vs</span>
          <select class="select" aria-label="B" value={b()} onChange={(e) => setB(e.currentTarget.value)}>
            <For each={options()}>{(o) => <option value={o}>{name(o)}</option>}</For>
          </select>
        </div>
        <AsyncView resource={result} skeletonHeight={140}>
          {(r) => (
            <div class="stack">
              <For each={[r.a, r.b]}>
                {(side) => (
                  <div class="row" style={{ 'justify-content': 'space-between' }}>
                    <span>{name(side.name)}</span>
                    <span class="mono">
                      {formatEstimate(side.score)} <span class="faint">n={formatInteger(side.score.n)}</span>
                    </span>
                    <div style={{ width: '180px' }}>
                      <CiBar estimate={side.score} />
                    </div>
                  </div>
                )}
              </For>
              <Show when={r.test} fallback={<div class="faint">Needs at least two judged calls on each side.</div>}>
                {(t) => (
                  <div
                    class={t().pValue < 0.05 ? 'badge green' : 'badge gray'}
                    style={{
                      'align-self': 'flex-start',
                      padding: '5px 10px',
                      'font-size': '12.5px',
                      'white-space': 'normal',
                    }}
                  >
                    {name(r.a.name)} scores {t().difference >= 0 ? '+' : ''}
                    {t().difference.toFixed(2)} vs {name(r.b.name)} (95% CI {t().low.toFixed(2)} to{' '}
                    {t().high.toFixed(2)}), {formatPValue(t().pValue)}:{' '}
                    {t().pValue < 0.05 ? 'a real difference' : 'not significant at 5%'}
                  </div>
                )}
              </Show>
            </div>
          )}
        </AsyncView>
      </div>
    </Panel>
  );
}

function Examples(props: { title: string; examples: JudgeExample[] }) {
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
                <span class="faint">{formatAgo(e.timestamp, state.now())}</span>
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
