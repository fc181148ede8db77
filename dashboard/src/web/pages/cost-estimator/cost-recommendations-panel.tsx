import { For, type Resource, Show } from 'solid-js';
import type { CostResponse } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { Recommendation } from '../../components/recommendation.js';

/** Cheaper models that score as well, and prompts worth caching, with their monthly savings. */
export function CostRecommendationsPanel(props: { cost: Resource<CostResponse> }) {
  return (
    <Panel title="Recommendations" hint="Computed from your traffic and judge scores">
      <AsyncView resource={props.cost} skeletonHeight={300}>
        {(data) => (
          <Show
            when={data.recommendations.length > 0}
            fallback={
              <EmptyNote>
                Nothing to recommend: no cheaper model scores as well with enough judged calls, and long prompts are
                already cached.
              </EmptyNote>
            }
          >
            <For each={data.recommendations.slice(0, 4)}>
              {(r) => <Recommendation icon="$" title={r.title} detail={r.detail} monthlySavings={r.monthlySavings} />}
            </For>
          </Show>
        )}
      </AsyncView>
    </Panel>
  );
}
