import { For, Show } from 'solid-js';
import type { CacheCluster, CacheResponse } from '../../../shared/api-types.js';
import { useAppState } from '../../app-state.js';
import { DataTable } from '../../components/data-table.js';
import { Meter } from '../../components/meter.js';
import { Panel } from '../../components/panel.js';
import { RangeField } from '../../components/range-field.js';
import { formatAgo, formatCompact, formatCost, formatInteger, formatModelName, formatPercent } from '../../format.js';

/**
 * Prompt templates (and prompts sent more than once) at the chosen template similarity, with
 * the calls a response cache could serve; a click shows a cluster's details and other fills.
 */
export function PromptClustersPanel(props: {
  cache: CacheResponse;
  /** Template similarity threshold, percent. */
  threshold: number;
  onThreshold: (threshold: number) => void;
  /** Id of the open cluster. */
  expanded: string | null;
  onExpand: (id: string | null) => void;
}) {
  return (
    <Panel
      title="Prompt templates"
      hint={props.cache.sample.method}
      actions={
        <RangeField
          label="Similarity ≥"
          title="Template similarity: how alike two prompts' template text (the words they share with other prompts) must be to be one template"
          min={10}
          max={90}
          step={10}
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
        empty="No templates or repeated prompts at this similarity."
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
          {
            header: 'Distinct prompts',
            align: 'right',
            title: () => 'Different fills of the template',
            cell: (c) => formatInteger(c.uniquePrompts),
          },
          {
            header: 'Repeats',
            title: (c) => `${c.cacheability}% of the calls repeat an earlier prompt: what a response cache could serve`,
            cell: (c) => (
              <Meter percent={c.cacheability} width="80px" label={formatInteger(c.repeats)} labelClass="mono" />
            ),
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

/** What a cluster holds: distinct prompts, repeats, spend, tokens, models, when seen, and other fills. */
function ClusterDetail(props: { cluster: CacheCluster }) {
  const state = useAppState();
  const c = () => props.cluster;
  return (
    <div class="stack">
      <div class="faint">
        {c().uniquePrompts > 1 ? `one template, ${c().uniquePrompts} distinct prompts` : 'one prompt'} · {c().repeats}{' '}
        of {c().size} calls repeat an earlier prompt · {formatCost(c().cost)} spent in sample · avg{' '}
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
