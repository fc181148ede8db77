import type { JSX, Resource } from 'solid-js';
import type { CacheHitBasis, CostResponse } from '../../../shared/api-types.js';
import { AsyncView } from '../../components/async-view.js';
import { Panel } from '../../components/panel.js';
import { formatCompact, formatCost, formatInteger } from '../../format.js';

/** What the response cache, provider prompt caching and the router saved in range. */
export function SavingsPanel(props: { cost: Resource<CostResponse> }) {
  return (
    <Panel title="Savings" hint="What your cache, provider prompt caching and router saved in range">
      <AsyncView resource={props.cost} skeletonHeight={220}>
        {(data) => (
          <div>
            <StatRow title="Response cache" dollars={data.savings.responseCache.dollars}>
              {formatInteger(data.savings.responseCache.hits)} hits of{' '}
              {formatInteger(data.savings.responseCache.lookups)} lookups, each priced as the average miss of its agent
              and model{fallbackNote(data.savings.responseCache.pricedBy)}
            </StatRow>
            <StatRow title="Provider prompt caching" dollars={data.savings.promptCache.dollars}>
              {formatCompact(data.savings.promptCache.cachedTokens)} input tokens read from cache instead of full price
            </StatRow>
            <StatRow title="Routing" dollars={data.savings.routing.dollars}>
              {formatInteger(data.savings.routing.calls)} routed calls, savings as estimated by your router
            </StatRow>
          </div>
        )}
      </AsyncView>
    </Panel>
  );
}

/** Hits priced by a wider average than their agent and model's, said in words ('' when none). */
function fallbackNote(pricedBy: CacheHitBasis): string {
  const parts = [
    [pricedBy.agent, "by the agent's average"],
    [pricedBy.model, "by the model's average"],
    [pricedBy.all, 'by the average of all calls'],
    [pricedBy.unpriced, 'unpriced: nothing in range missed'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, basis]) => `${formatInteger(count as number)} ${basis}`);
  return parts.length > 0 ? ` (that pair had no miss in range for ${parts.join(', ')})` : '';
}

function StatRow(props: { title: string; dollars: number; children: JSX.Element }) {
  return (
    <div class="stat-row">
      <div>
        <strong>{props.title}</strong>
        <div class="faint">{props.children}</div>
      </div>
      <span class="big-number">{formatCost(props.dollars)}</span>
    </div>
  );
}
