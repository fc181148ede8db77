import { For } from 'solid-js';
import type { CacheResponse } from '../../../shared/api-types.js';
import { EmptyNote } from '../../components/empty-note.js';
import { Panel } from '../../components/panel.js';
import { Recommendation } from '../../components/recommendation.js';

/** Repeated prompts worth a response cache (with what it would save a month), and templates that call for prompt caching instead. */
export function CacheRecommendationsPanel(props: { cache: CacheResponse }) {
  return (
    <Panel title="Recommendations">
      <For
        each={props.cache.recommendations}
        fallback={<EmptyNote>No repeated prompts or templates found in the sample.</EmptyNote>}
      >
        {(r) => (
          <Recommendation
            icon="◎"
            title={r.title}
            detail={r.detail}
            monthlySavings={r.monthlySavings > 0 ? r.monthlySavings : undefined}
          />
        )}
      </For>
    </Panel>
  );
}
