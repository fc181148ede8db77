import { useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { ApiResponses } from '../../../shared/api-responses.js';
import type { MetadataKeysResponse } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { EmptyNote } from '../../components/empty-note.js';
import { defaultMetadataKey, MetadataKeySelect } from '../../components/metadata-key-select.js';
import { MetadataSourceNote } from '../../components/metadata-source-note.js';
import { Panel } from '../../components/panel.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { BreakdownCostPanel } from './breakdown-cost-panel.js';
import { BreakdownTablePanel } from './breakdown-table-panel.js';

/** The By metadata tab: cost and calls per value of a metadata key (per user, per tenant), key kept in the URL. */
export function MetadataBreakdownTab() {
  const [search, setSearch] = useSearchParams<{ key?: string }>();
  const [keys] = createResource(() => apiGet<MetadataKeysResponse>('metadata-keys'));
  const key = () => defaultMetadataKey(keys.latest, search.key);
  return (
    <>
      <Panel
        title="Group by metadata key"
        actions={<MetadataKeySelect keys={keys.latest} value={key()} onChange={(k) => setSearch({ key: k })} />}
      >
        <Show
          when={key()}
          fallback={
            <EmptyNote>
              No call carries metadata yet: record it with <code>metadata: {'{ userId, tenantId }'}</code> to see cost
              per user or tenant.
            </EmptyNote>
          }
        >
          <div class="faint">
            Calls without <code>{key()}</code> are counted under “(not set)”.
          </div>
        </Show>
      </Panel>
      <Show when={key()} keyed>
        {(chosen) => <MetadataBreakdown metadataKey={chosen} />}
      </Show>
    </>
  );
}

function MetadataBreakdown(props: { metadataKey: string }) {
  const breakdown = createFilteredResource<ApiResponses['GET /api/breakdown']>('breakdown', () => ({
    by: `metadata.${props.metadataKey}`,
  }));
  const nameOf = (value: string) => value || '(not set)';
  return (
    <>
      <MetadataSourceNote breakdown={breakdown.latest} />
      <BreakdownCostPanel by={props.metadataKey} rows={breakdown.latest?.rows ?? []} nameOf={nameOf} />
      <BreakdownTablePanel by={props.metadataKey} rows={breakdown} nameOf={nameOf} />
    </>
  );
}
