import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import type { JudgeCompareResponse, LeaderboardRow } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { useAppState } from '../../app-state.js';
import { AsyncView } from '../../components/async-view.js';
import { CiBar, formatEstimate } from '../../components/ci-bar.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { Segmented } from '../../components/tabs.js';
import { formatInteger, formatModelName, formatPValue } from '../../format.js';

type Side = 'model' | 'agent';
const SIDES: ReadonlyArray<readonly [Side, string]> = [
  ['model', 'Models'],
  ['agent', 'Agents'],
];

/** Compares two models or agents; only those with judged calls (the leaderboards' rows) are offered. */
export function ComparePanel(props: { judged: { model: LeaderboardRow[]; agent: LeaderboardRow[] } }) {
  const state = useAppState();
  const [by, setBy] = createSignal<Side>('model');
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
      actions={<Segmented options={SIDES} value={by()} onChange={setBy} />}
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
              <Show when={r.test} fallback={<EmptyNote>Needs at least two judged calls on each side.</EmptyNote>}>
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
