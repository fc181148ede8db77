import { For, Show } from 'solid-js';
import type { CacheCluster, CacheResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import { Meter } from '../../components/meter.js';
import { Panel } from '../../components/panel.js';
import { RangeField } from '../../components/range-field.js';
import { formatAgo, formatCompact, formatCost, formatInteger, formatModelName, formatPercent } from '../../format.js';

/** Near-duplicate prompt clusters at the chosen similarity; a click shows a cluster's details and examples. */
export function PromptClustersPanel(props: {
  cache: CacheResponse;
  /** Similarity threshold, percent. */
  threshold: number;
  onThreshold: (threshold: number) => void;
  /** Id of the open cluster. */
  expanded: string | null;
  onExpand: (id: string | null) => void;
}) {
  return (
    <Panel
      title="Prompt clusters"
      hint={props.cache.sample.method}
      actions={
        <RangeField
          label="Similarity ≥"
          min={50}
          max={95}
          step={5}
          value={props.threshold}
          shown={`${props.threshold}%`}
          onChange={props.onThreshold}
        />
      }
      flush
    >
      <DataTable
        rows={props.cache.clusters.slice(0, 25)}
        attributes={{ 'data-clusters': '' }}
        empty="No near-duplicate prompts at this similarity."
        onRowClick={(c) => props.onExpand(props.expanded === c.id ? null : c.id)}
        detail={{ open: (c) => props.expanded === c.id, render: (c) => <ClusterDetail cluster={c} /> }}
        columns={[
          {
            header: 'Representative prompt',
            class: 'truncate',
            style: { 'max-width': '460px' },
            title: (c) => c.representative,
            cell: (c) => c.representative,
          },
          { header: 'Calls', align: 'right', cell: (c) => formatInteger(c.size) },
          { header: 'Similarity', align: 'right', cell: (c) => formatPercent(c.similarity, 0) },
          {
            header: 'Cacheability',
            cell: (c) => <Meter percent={c.cacheability} width="80px" label={c.cacheability} labelClass="mono" />,
          },
          {
            header: 'Your hit rate',
            align: 'right',
            cell: (c) => (c.hitRate === null ? <span class="faint">not recorded</span> : formatPercent(c.hitRate)),
          },
          { header: 'Agents', class: 'muted', cell: (c) => c.agents.map((a) => a.name).join(', ') },
          {
            header: 'Saves / month',
            align: 'right',
            cell: (c) => <span class="badge green">{formatCost(c.monthlySavings)}</span>,
          },
        ]}
      />
    </Panel>
  );
}

/** What a cluster holds: distinct prompts, spend, tokens, models, when seen, and example prompts. */
function ClusterDetail(props: { cluster: CacheCluster }) {
  const state = useAppState();
  const c = () => props.cluster;
  return (
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
  );
}
