import { createResource, createSignal, Match, type Resource, Switch } from 'solid-js';
import type { ApiResponses } from '../../../shared/api-responses.js';
import type { BreakdownRow, CostResponse, MetadataKeysResponse } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { barOptions } from '../../charts/bar-options.js';
import { toBarSeries } from '../../charts/to-category-series.js';
import { ApexChart } from '../../components/apex-chart.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable } from '../../components/data-table.js';
import { EmptyNote } from '../../components/empty-note.js';
import { defaultMetadataKey, MetadataKeySelect } from '../../components/metadata-key-select.js';
import { MetadataSourceNote } from '../../components/metadata-source-note.js';
import { Panel } from '../../components/panel.js';
import { Tabs } from '../../components/tabs.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { formatCompact, formatCost, formatModelName, formatPercent } from '../../format.js';

type By = 'model' | 'agent' | 'operation' | 'metadata';
const BY: ReadonlyArray<readonly [By, string]> = [
  ['model', 'Model'],
  ['agent', 'Agent'],
  ['operation', 'Operation'],
  ['metadata', 'Metadata key'],
];

/** Where the money goes: cost per model, agent, operation or metadata value (user, tenant), as bars and a table. */
export function SpendBreakdownPanel(props: { cost: Resource<CostResponse> }) {
  const [by, setBy] = createSignal<By>('model');
  const [keys] = createResource(
    () => by() === 'metadata',
    () => apiGet<MetadataKeysResponse>('metadata-keys'),
  );
  const [chosenKey, setChosenKey] = createSignal('');
  const metadataKey = () => defaultMetadataKey(keys.latest, chosenKey());
  const rows = (data: CostResponse): BreakdownRow[] =>
    by() === 'model' ? data.byModel : by() === 'agent' ? data.byAgent : data.byOperation;
  return (
    <Panel
      title="Where the money goes"
      actions={
        <>
          {by() === 'metadata' && (
            <MetadataKeySelect keys={keys.latest} value={metadataKey()} onChange={setChosenKey} />
          )}
          <Tabs tabs={BY} value={by()} onChange={setBy} />
        </>
      }
    >
      <Switch>
        <Match when={by() !== 'metadata'}>
          <AsyncView resource={props.cost} skeletonHeight={300}>
            {(data) => (
              <SpendBars
                rows={rows(data)}
                label={BY.find(([b]) => b === by())?.[1] ?? ''}
                nameOf={(key) => (by() === 'model' ? formatModelName(key) : key || '(none)')}
              />
            )}
          </AsyncView>
        </Match>
        <Match when={metadataKey()} keyed>
          {(key) => <MetadataSpend metadataKey={key} />}
        </Match>
        <Match when={keys.state === 'ready'}>
          <EmptyNote>No call carries metadata yet: record a userId or tenantId to see cost per customer.</EmptyNote>
        </Match>
      </Switch>
    </Panel>
  );
}

function MetadataSpend(props: { metadataKey: string }) {
  const breakdown = createFilteredResource<ApiResponses['GET /api/breakdown']>('breakdown', () => ({
    by: `metadata.${props.metadataKey}`,
  }));
  return (
    <AsyncView resource={breakdown} skeletonHeight={300}>
      {(data) => (
        <>
          <MetadataSourceNote breakdown={data} />
          <SpendBars rows={data.rows} label={props.metadataKey} nameOf={(value) => value || '(not set)'} />
        </>
      )}
    </AsyncView>
  );
}

/** The ten largest as bars, the eight largest with calls, cost per call and share. */
function SpendBars(props: { rows: BreakdownRow[]; label: string; nameOf: (key: string) => string }) {
  const bars = () =>
    toBarSeries(props.rows, [{ name: 'Cost', value: (r) => r.totalCost }], { nameOf: props.nameOf, limit: 10 });
  const options = () =>
    barOptions({
      categories: bars().categories,
      horizontal: true,
      format: formatCost,
      size: '60%',
      radius: 3,
      distributed: true,
    });
  return (
    <>
      <ApexChart
        name="cost-breakdown"
        type="bar"
        height={Math.max(200, bars().categories.length * 30)}
        series={bars().series}
        options={options()}
      />
      <DataTable
        rows={props.rows.slice(0, 8)}
        columns={[
          { header: props.label, class: 'nowrap', cell: (row) => props.nameOf(row.key) },
          { header: 'Calls', align: 'right', cell: (row) => formatCompact(row.totalCalls) },
          {
            header: 'Cost / call',
            align: 'right',
            cell: (row) => formatCost(row.totalCalls ? row.totalCost / row.totalCalls : 0),
          },
          { header: 'Share', align: 'right', cell: (row) => formatPercent(row.costShare) },
          { header: 'Cost', align: 'right', cell: (row) => formatCost(row.totalCost) },
        ]}
      />
    </>
  );
}
