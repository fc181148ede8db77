import { createSignal } from 'solid-js';
import type { EmptyResponse, RouterResponse } from '../../../shared/api-types.js';
import { PageShell } from '../../components/page-shell.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { ConsideredPanel } from './considered-panel.js';
import { CostQualityPanel } from './cost-quality-panel.js';
import { DecisionExamplesPanel } from './decision-examples-panel.js';
import { EffectivenessMatrixPanel } from './effectiveness-matrix-panel.js';
import { ModelDistributionPanel } from './model-distribution-panel.js';
import { QualityByModelPanel } from './quality-by-model-panel.js';
import { RoutedTrendPanel } from './routed-trend-panel.js';
import { ROUTER_EMPTY } from './router-empty.js';
import { RouterKpis } from './router-kpis.js';

/** Model Router: what your router chose, what it saved, and how well each choice worked. */
export function ModelRouterPage() {
  const [columns, setColumns] = createSignal<'agent' | 'operation'>('agent');
  const data = createFilteredResource<RouterResponse | EmptyResponse>('router', () => ({ columns: columns() }));
  return (
    <PageShell
      title="Model Router"
      subtitle="Your router's decisions, savings and outcomes"
      resource={data}
      empty={ROUTER_EMPTY}
    >
      {(router) => (
        <>
          <RouterKpis router={router} />
          <div class="grid cols-1-2">
            <ModelDistributionPanel router={router} />
            <RoutedTrendPanel router={router} />
          </div>
          <div class="grid cols-2">
            <EffectivenessMatrixPanel router={router} columns={columns()} onColumns={setColumns} />
            <CostQualityPanel router={router} />
          </div>
          <div class="grid cols-2">
            <ConsideredPanel router={router} />
            <QualityByModelPanel router={router} />
          </div>
          <DecisionExamplesPanel router={router} />
        </>
      )}
    </PageShell>
  );
}
