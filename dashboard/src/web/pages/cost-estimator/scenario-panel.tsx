import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import type { CatalogModel, FiltersResponse, ScenarioResponse } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { formatEstimate } from '../../components/ci-bar.js';
import { Panel } from '../../components/panel.js';
import {
  formatCost,
  formatDuration,
  formatInteger,
  formatModelName,
  formatPercent,
  formatPValue,
} from '../../format.js';

/** Reprice one agent's (or model's) real traffic on another model. */
export function ScenarioPanel(props: { recommendation?: { agent: string; model: string; target: string } }) {
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
          <SelectField
            label="Agent"
            none="All agents"
            value={agent()}
            onChange={setAgent}
            options={(filters.latest?.agents ?? []).map((a) => [a, a] as const)}
          />
          <SelectField
            label="Currently on"
            none="Any model"
            value={model()}
            onChange={setModel}
            options={(filters.latest?.models ?? []).map((m) => [m, formatModelName(m)] as const)}
          />
          <SelectField
            label="Instead on"
            value={target()}
            onChange={setTarget}
            options={(catalog.latest ?? []).map(
              (m) =>
                [
                  m.model,
                  `${formatModelName(m.model)} ($${m.inputPerMTok.toFixed(2)} / $${m.outputPerMTok.toFixed(2)} per M)`,
                ] as const,
            )}
          />
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

/** A labelled select of [value, text] options, with a first option for none (value '') when `none` names it. */
function SelectField(props: {
  label: string;
  none?: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <label class="field">
      {props.label}
      <select class="select" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <Show when={props.none}>
          <option value="">{props.none}</option>
        </Show>
        <For each={props.options}>
          {([value, text]) => (
            <option value={value} selected={value === props.value}>
              {text}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
