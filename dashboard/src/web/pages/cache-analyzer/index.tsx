import { createSignal } from 'solid-js';
import type { CacheResponse, EmptyResponse } from '../../../shared/api-types.js';
import { PageShell } from '../../components/page-shell.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { CACHE_EMPTY } from './cache-empty.js';
import { CacheKpis } from './cache-kpis.js';
import { CacheRecommendationsPanel } from './cache-recommendations-panel.js';
import { HitRateByAgentPanel } from './hit-rate-by-agent-panel.js';
import { HitsMissesPanel } from './hits-misses-panel.js';
import { PromptClustersPanel } from './prompt-clusters-panel.js';

/**
 * Cache Analyzer: your cache's hits and misses (rollups), and the prompt templates in the
 * newest prompts, each with the calls that repeat an earlier prompt (what a response cache
 * could serve) and the dollars that would save.
 */
export function CacheAnalyzerPage() {
  const [threshold, setThreshold] = createSignal(30);
  // Kept here, not in the table, so an open cluster stays open while a new threshold loads.
  const [expanded, setExpanded] = createSignal<string | null>(null);
  const data = createFilteredResource<CacheResponse | EmptyResponse>('cache', () => ({ threshold: threshold() }));
  return (
    <PageShell
      title="Cache Analyzer"
      subtitle="Hit rates, and what a response cache could still serve"
      resource={data}
      empty={CACHE_EMPTY}
    >
      {(cache) => (
        <>
          <CacheKpis cache={cache} threshold={threshold()} />
          <div class="grid cols-2-1">
            <HitsMissesPanel cache={cache} />
            <HitRateByAgentPanel cache={cache} />
          </div>
          <PromptClustersPanel
            cache={cache}
            threshold={threshold()}
            onThreshold={setThreshold}
            expanded={expanded()}
            onExpand={setExpanded}
          />
          <CacheRecommendationsPanel cache={cache} />
        </>
      )}
    </PageShell>
  );
}
