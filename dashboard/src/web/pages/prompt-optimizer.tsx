import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import type { EmptyResponse, EstimateResponse, PromptsResponse, PromptVariant } from '../../shared/api-types.js';
import { apiGet, apiSend } from '../api.js';
import { useAppState } from '../app-state.js';
import { toMatrixHeatmap } from '../charts/to-heatmap-series.js';
import { ApexChart } from '../components/apex-chart.js';
import { AsyncView } from '../components/async-view.js';
import { CiBar, formatEstimate } from '../components/ci-bar.js';
import { EmptyState } from '../components/empty-state.js';
import { PageHeader } from '../components/page-header.js';
import { Panel } from '../components/panel.js';
import { diffWords } from '../diff-words.js';
import {
  formatCompact,
  formatCost,
  formatDuration,
  formatInteger,
  formatModelName,
  formatPercent,
  formatPValue,
} from '../format.js';

const VARIANT_SNIPPET = `obs.recordCall({
  provider: 'openai', modelName: 'gpt-4o',
  promptTokens: 1400, completionTokens: 260, latencyMs: 1900,
  agentName: 'Responder', prompt,
  // Which prompt, and which version of it, this call used:
  metadata: { promptId: 'support-reply', promptVariant: 'empathetic-v2' },
  // Judge verdicts make the A/B comparison and win/loss heatmap possible:
  qualityEvaluation: { judgeScore: 8.5, hallucinationFlag: false, factualError: false, suggestions: [] },
})`;

/**
 * Prompt Optimizer: A/B of prompt variants (metadata.promptId / metadata.promptVariant)
 * with intervals and significance, a win/loss heatmap from every judged pair, and a
 * side-by-side editor whose token and cost estimate is priced against the prompt's real traffic.
 */
export function PromptOptimizerPage() {
  const state = useAppState();
  const [data] = createResource(state.filter, (f) => apiGet<PromptsResponse | EmptyResponse>('prompts', f));
  const prompts = () => (data.latest && !data.latest.empty ? data.latest : null);
  const [promptId, setPromptId] = createSignal('');
  const [variantName, setVariantName] = createSignal('');
  createEffect(() => {
    const list = prompts()?.prompts ?? [];
    if (list.length > 0 && !list.some((p) => p.promptId === promptId())) setPromptId(list[0].promptId);
  });
  const current = () => prompts()?.prompts.find((p) => p.promptId === promptId()) ?? null;
  createEffect(() => {
    const variants = current()?.variants ?? [];
    if (variants.length > 0 && !variants.some((v) => v.variant === variantName())) setVariantName(variants[0].variant);
  });
  const variant = () => current()?.variants.find((v) => v.variant === variantName()) ?? null;
  const heatmap = createMemo(() => {
    const prompt = current();
    if (!prompt) return [];
    const order = prompt.variants.map((v) => v.variant);
    return toMatrixHeatmap(prompt.pairs, (p) => (p.winRate === null ? null : Math.round(p.winRate * 1000) / 10), {
      rows: order,
      columns: order,
      missing: -1,
    });
  });

  return (
    <>
      <PageHeader
        title="Prompt Optimizer"
        subtitle="A/B test prompt variants and estimate an edit before shipping it"
        actions={
          <Show when={(prompts()?.prompts.length ?? 0) > 0}>
            <select
              class="select"
              aria-label="Prompt"
              value={promptId()}
              onChange={(e) => setPromptId(e.currentTarget.value)}
            >
              <For each={prompts()?.prompts ?? []}>
                {(p) => (
                  <option value={p.promptId}>
                    {p.promptId} ({formatCompact(p.calls)} calls)
                  </option>
                )}
              </For>
            </select>
          </Show>
        }
      />
      <main class="content">
        <AsyncView resource={data} skeletonHeight={420}>
          {(d) => (
            <Switch>
              <Match when={d.empty}>
                <EmptyState title="No prompt variants recorded yet" code={VARIANT_SNIPPET}>
                  Tag calls with metadata.promptId (which prompt) and metadata.promptVariant (which version of it). This
                  page then compares the variants' judge scores, cost and latency, and estimates edits against their
                  real traffic.
                </EmptyState>
              </Match>
              <Match when={current()}>
                {(p) => (
                  <>
                    <Panel
                      title={`Variants of “${p().promptId}”`}
                      hint={`Baseline: ${p().baseline} (first seen). Newest ${formatInteger(prompts()?.sample.size ?? 0)} tagged calls.`}
                      flush
                    >
                      <div class="table-wrap">
                        <table class="table" data-variants>
                          <thead>
                            <tr>
                              <th>Variant</th>
                              <th class="num">Calls</th>
                              <th class="num">Judge [95% CI]</th>
                              <th>Interval</th>
                              <th class="num">n</th>
                              <th class="num">vs baseline</th>
                              <th class="num">Cost / call</th>
                              <th class="num">Tokens in/out</th>
                              <th class="num">p95 latency</th>
                              <th class="num">Errors</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={p().variants}>
                              {(v) => (
                                <tr
                                  class="clickable"
                                  onClick={() => setVariantName(v.variant)}
                                  style={v.variant === variantName() ? { background: 'var(--accent-soft)' } : {}}
                                >
                                  <td>
                                    <strong>{v.variant}</strong>
                                    <Show when={v.variant === p().baseline}>
                                      {' '}
                                      <span class="badge gray">baseline</span>
                                    </Show>
                                  </td>
                                  <td class="num">{formatInteger(v.calls)}</td>
                                  <td class="num">{formatEstimate(v.score)}</td>
                                  <td style={{ width: '140px' }}>
                                    <CiBar estimate={v.score} />
                                  </td>
                                  <td class="num faint">{formatInteger(v.judged)}</td>
                                  <td class="num">
                                    <Show when={v.vsBaseline} fallback={<span class="faint">—</span>}>
                                      {(t) => (
                                        <span
                                          class={
                                            t().pValue < 0.05
                                              ? t().difference > 0
                                                ? 'badge green'
                                                : 'badge red'
                                              : 'badge gray'
                                          }
                                          title={`95% CI ${t().low.toFixed(2)} to ${t().high.toFixed(2)}`}
                                        >
                                          {t().difference >= 0 ? '+' : ''}
                                          {t().difference.toFixed(2)} · {formatPValue(t().pValue)}
                                        </span>
                                      )}
                                    </Show>
                                  </td>
                                  <td class="num">{formatCost(v.cost.mean)}</td>
                                  <td class="num">
                                    {formatCompact(v.promptTokens)} / {formatCompact(v.completionTokens)}
                                  </td>
                                  <td class="num">{formatDuration(v.latency.p95)}</td>
                                  <td class="num">{formatPercent(v.errorRate.rate)}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </Panel>
                    <div class="grid cols-1-2">
                      <Panel
                        title="Win/loss heatmap"
                        hint="% of judged pairs in which the row variant beat the column variant (ties count half)"
                      >
                        <Show when={p().variants.length > 1} fallback={<div class="faint">Needs two variants.</div>}>
                          <ApexChart
                            name="prompt-heatmap"
                            type="heatmap"
                            height={Math.max(220, p().variants.length * 60)}
                            series={heatmap()}
                            options={{
                              dataLabels: {
                                enabled: true,
                                formatter: (v: string | number | number[]) =>
                                  typeof v === 'number' && v >= 0 ? `${v.toFixed(0)}%` : '',
                              },
                              plotOptions: {
                                heatmap: {
                                  radius: 4,
                                  enableShades: false,
                                  colorScale: {
                                    ranges: [
                                      { from: -1, to: -0.5, color: '#1b2440', name: 'same variant' },
                                      { from: 0, to: 45, color: '#f87171' },
                                      { from: 45, to: 55, color: '#64748b' },
                                      { from: 55, to: 100, color: '#34d399' },
                                    ],
                                  },
                                },
                              },
                              stroke: { width: 3, colors: ['#121a30'] },
                              legend: { show: false },
                              tooltip: { y: { formatter: (v: number) => (v < 0 ? 'same variant' : `${v}% wins`) } },
                            }}
                          />
                          <div class="faint" style={{ 'margin-top': '6px' }}>
                            <For each={p().pairs.filter((pair) => pair.row < pair.column)}>
                              {(pair) => (
                                <div>
                                  {pair.row} vs {pair.column}: {formatInteger(pair.wins)} wins,{' '}
                                  {formatInteger(pair.losses)} losses, {formatInteger(pair.ties)} ties over{' '}
                                  {formatInteger(pair.pairs)} pairs ({formatPValue(pair.pValue)}, Mann–Whitney)
                                </div>
                              )}
                            </For>
                          </div>
                        </Show>
                      </Panel>
                      <Show when={variant()}>{(v) => <RoutingImpact variant={v()} />}</Show>
                    </div>
                    <Show when={variant()}>
                      {(v) => <Editor promptId={p().promptId} variant={v()} variants={p().variants} />}
                    </Show>
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

function RoutingImpact(props: { variant: PromptVariant }) {
  return (
    <Panel
      title={`Models behind “${props.variant.variant}”`}
      hint={`${formatPercent(props.variant.routedShare)} of its calls were routed by your router`}
      flush
    >
      <table class="table">
        <thead>
          <tr>
            <th>Model</th>
            <th class="num">Calls</th>
            <th>Share</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.variant.models}>
            {(m) => (
              <tr>
                <td>{formatModelName(m.model)}</td>
                <td class="num">{formatInteger(m.calls)}</td>
                <td>
                  <div class="row" style={{ gap: '8px', 'flex-wrap': 'nowrap' }}>
                    <div class="meter" style={{ width: '140px' }}>
                      <span style={{ width: `${m.share * 100}%` }} />
                    </div>
                    <span class="faint">{formatPercent(m.share)}</span>
                  </div>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Panel>
  );
}

function Editor(props: { promptId: string; variant: PromptVariant; variants: PromptVariant[] }) {
  const state = useAppState();
  const [draft, setDraft] = createSignal(props.variant.prompt ?? '');
  const [compareTo, setCompareTo] = createSignal<string>('');
  createEffect(
    on(
      () => props.variant.variant,
      () => setDraft(props.variant.prompt ?? ''),
    ),
  );
  // Debounced: estimate 400 ms after the last keystroke.
  const [debounced, setDebounced] = createSignal(draft());
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const text = draft();
    clearTimeout(timer);
    timer = setTimeout(() => setDebounced(text), 400);
  });
  onCleanup(() => clearTimeout(timer));
  const [estimate] = createResource(
    () => ({
      text: debounced(),
      original: props.variant.prompt ?? '',
      variant: props.variant.variant,
      filter: state.filter(),
    }),
    (input) =>
      apiSend<EstimateResponse>(
        'POST',
        'prompts/estimate',
        { text: input.text, original: input.original, promptId: props.promptId, variant: input.variant },
        input.filter,
      ),
  );
  const base = () =>
    compareTo() ? (props.variants.find((v) => v.variant === compareTo())?.prompt ?? '') : (props.variant.prompt ?? '');
  const diff = createMemo(() => diffWords(base(), draft()));
  const exportDraft = () => {
    const payload = {
      promptId: props.promptId,
      basedOn: props.variant.variant,
      original: props.variant.prompt,
      edited: draft(),
      estimate: estimate.latest ?? null,
      exportedAt: new Date().toISOString(),
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${props.promptId}-${props.variant.variant}-edited.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Panel
        title="Editor"
        hint={`Edit “${props.variant.variant}”; tokens counted with js-tiktoken, cost priced on this variant's real traffic`}
        actions={
          <>
            <button type="button" class="button" onClick={() => setDraft(props.variant.prompt ?? '')}>
              Reset
            </button>
            <button type="button" class="button primary" onClick={exportDraft}>
              Export
            </button>
          </>
        }
      >
        <div class="split">
          <label class="field">
            Current ({props.variant.variant}, newest call)
            <textarea
              class="textarea"
              readOnly
              value={props.variant.prompt ?? '(prompt not captured)'}
              data-prompt-original
            />
          </label>
          <label class="field">
            Edited
            <textarea
              class="textarea"
              value={draft()}
              onInput={(e) => setDraft(e.currentTarget.value)}
              data-prompt-editor
            />
          </label>
        </div>
        <AsyncView resource={estimate} skeletonHeight={120}>
          {(e) => (
            <div class="stack" style={{ 'margin-top': '14px' }} data-estimate>
              <div class="row" style={{ gap: '24px' }}>
                <div>
                  <div class="faint">Prompt tokens</div>
                  <div class="big-number">
                    {formatInteger(e.perModel[0]?.originalTokens ?? 0)} →{' '}
                    {formatInteger(e.perModel[0]?.editedTokens ?? 0)}
                    <span
                      class={(e.perModel[0]?.tokenDelta ?? 0) > 0 ? 'delta bad' : 'delta good'}
                      style={{ 'font-size': '14px', 'margin-left': '8px' }}
                    >
                      {(e.perModel[0]?.tokenDelta ?? 0) > 0 ? '+' : ''}
                      {e.perModel[0]?.tokenDelta ?? 0}
                    </span>
                  </div>
                </div>
                <div>
                  <div class="faint">Traffic of this variant</div>
                  <div class="big-number">{e.callsPerDay.toFixed(e.callsPerDay < 10 ? 1 : 0)} calls/day</div>
                </div>
                <div>
                  <div class="faint">Monthly cost change</div>
                  <div class="big-number" style={{ color: e.monthlyDelta > 0 ? 'var(--red)' : 'var(--green)' }}>
                    {e.monthlyDelta > 0 ? '+' : ''}
                    {formatCost(e.monthlyDelta)}
                  </div>
                </div>
              </div>
              <table class="table">
                <thead>
                  <tr>
                    <th>Model (routing mix)</th>
                    <th class="num">Share</th>
                    <th>Tokenizer</th>
                    <th class="num">Avg input now</th>
                    <th class="num">Cost / call now</th>
                    <th class="num">With edit</th>
                    <th class="num">Per month</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={e.perModel}>
                    {(m) => (
                      <tr>
                        <td>{formatModelName(m.model)}</td>
                        <td class="num">{formatPercent(m.share)}</td>
                        <td class="faint">
                          {m.encoding}
                          {m.approximate ? ' (≈)' : ''}
                        </td>
                        <td class="num">{formatCompact(m.avgPromptTokens)}</td>
                        <td class="num">{formatCost(m.currentCostPerCall)}</td>
                        <td class="num">{formatCost(m.projectedCostPerCall)}</td>
                        <td class="num">
                          {m.monthlyDelta > 0 ? '+' : ''}
                          {formatCost(m.monthlyDelta)}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </AsyncView>
      </Panel>
      <Panel
        title="Diff"
        hint="Word-level changes"
        actions={
          <select
            class="select"
            aria-label="Compare with"
            value={compareTo()}
            onChange={(e) => setCompareTo(e.currentTarget.value)}
          >
            <option value="">Edited vs {props.variant.variant}</option>
            <For each={props.variants.filter((v) => v.variant !== props.variant.variant)}>
              {(v) => <option value={v.variant}>Edited vs {v.variant}</option>}
            </For>
          </select>
        }
      >
        <div class="diff" data-diff>
          <For each={diff()}>{(part) => <span class={part.kind}>{part.text}</span>}</For>
        </div>
      </Panel>
    </>
  );
}
