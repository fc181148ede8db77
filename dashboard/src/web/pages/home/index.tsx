import { useSearchParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import type { MetaResponse, TimeSeriesPoint } from '../../../shared/api-types.js';
import { apiGet } from '../../api.js';
import { BudgetsPanel } from '../../components/budgets-panel.js';
import { PageShell } from '../../components/page-shell.js';
import { Tabs } from '../../components/tabs.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { BreakdownTab } from './breakdown-tab.js';
import { HOME_EMPTY } from './home-empty.js';
import { HomeKpis } from './home-kpis.js';
import { MetadataBreakdownTab } from './metadata-breakdown-tab.js';
import { OverviewTab } from './overview-tab.js';
import { TrendsTab } from './trends-tab.js';

type Tab = 'overview' | 'models' | 'agents' | 'metadata' | 'trends';
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['overview', 'Overview'],
  ['models', 'Models'],
  ['agents', 'Agents'],
  ['metadata', 'By metadata'],
  ['trends', 'Trends'],
];

/** Mission Control: headline KPIs against the previous period, trends and the Overview / Models / Agents / By metadata / Trends tabs. */
export function HomePage() {
  const [search, setSearch] = useSearchParams<{ tab?: string }>();
  const tab = (): Tab => (TABS.some(([t]) => t === search.tab) ? (search.tab as Tab) : 'overview');
  const [meta] = createResource(() => apiGet<MetaResponse>('meta'));
  const series = createFilteredResource<{ interval: string; points: TimeSeriesPoint[] }>('timeseries');
  return (
    <PageShell
      title="Mission Control"
      subtitle="Cost, traffic, latency and quality across your LLM calls"
      empty={{ ...HOME_EMPTY, when: meta.latest?.calls === 0 }}
    >
      <HomeKpis series={series.latest?.points} />
      <BudgetsPanel />
      <Tabs tabs={TABS} value={tab()} onChange={(value) => setSearch({ tab: value })} />
      <Switch>
        <Match when={tab() === 'overview'}>
          <OverviewTab series={series.latest?.points} />
        </Match>
        <Match when={tab() === 'models'}>
          <BreakdownTab by="model" />
        </Match>
        <Match when={tab() === 'agents'}>
          <BreakdownTab by="agent" />
        </Match>
        <Match when={tab() === 'metadata'}>
          <MetadataBreakdownTab />
        </Match>
        <Match when={tab() === 'trends'}>
          <TrendsTab />
        </Match>
      </Switch>
    </PageShell>
  );
}
