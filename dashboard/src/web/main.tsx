import { Route, Router } from '@solidjs/router';
import { createResource, lazy, type ParentProps, Show } from 'solid-js';
import { render } from 'solid-js/web';
import type { MetaResponse } from '../shared/api-types.js';
import { apiGet } from './api.js';
import { AppStateProvider } from './app-state.js';
import { Layout } from './components/layout.js';
import './styles.css';

// Each page is its own chunk, loaded when first opened: a session or a list does not wait
// for the chart library the other pages draw with.
const CacheAnalyzerPage = lazy(() =>
  import('./pages/cache-analyzer/index.js').then((page) => ({ default: page.CacheAnalyzerPage })),
);
const CallsPage = lazy(() => import('./pages/calls/index.js').then((page) => ({ default: page.CallsPage })));
const CostEstimatorPage = lazy(() =>
  import('./pages/cost-estimator/index.js').then((page) => ({ default: page.CostEstimatorPage })),
);
const HomePage = lazy(() => import('./pages/home/index.js').then((page) => ({ default: page.HomePage })));
const LivePage = lazy(() => import('./pages/live/index.js').then((page) => ({ default: page.LivePage })));
const LlmJudgePage = lazy(() => import('./pages/llm-judge/index.js').then((page) => ({ default: page.LlmJudgePage })));
const ModelRouterPage = lazy(() =>
  import('./pages/model-router/index.js').then((page) => ({ default: page.ModelRouterPage })),
);
const PromptOptimizerPage = lazy(() =>
  import('./pages/prompt-optimizer/index.js').then((page) => ({ default: page.PromptOptimizerPage })),
);
const SessionDetailPage = lazy(() =>
  import('./pages/session-detail/index.js').then((page) => ({ default: page.SessionDetailPage })),
);
const SessionsPage = lazy(() => import('./pages/sessions/index.js').then((page) => ({ default: page.SessionsPage })));
const SettingsPage = lazy(() => import('./pages/settings/index.js').then((page) => ({ default: page.SettingsPage })));

/** The app shell: display settings first (theme, time zone, default range), then the pages. */
function Root(props: ParentProps) {
  const [meta] = createResource(() => apiGet<MetaResponse>('meta').catch(() => null));
  return (
    <Show when={meta.state === 'ready' || meta.state === 'errored'}>
      <AppStateProvider display={meta()?.display}>
        <Layout meta={meta() ?? null}>{props.children}</Layout>
      </AppStateProvider>
    </Show>
  );
}

const root = document.getElementById('root');
if (root) {
  render(
    () => (
      <Router root={Root}>
        <Route path="/" component={HomePage} />
        <Route path="/live" component={LivePage} />
        <Route path="/sessions" component={SessionsPage} />
        <Route path="/sessions/:id" component={SessionDetailPage} />
        <Route path="/calls" component={CallsPage} />
        <Route path="/calls/:id" component={CallsPage} />
        <Route path="/cost" component={CostEstimatorPage} />
        <Route path="/router" component={ModelRouterPage} />
        <Route path="/cache" component={CacheAnalyzerPage} />
        <Route path="/judge" component={LlmJudgePage} />
        <Route path="/prompts" component={PromptOptimizerPage} />
        <Route path="/settings" component={SettingsPage} />
        <Route path="*" component={HomePage} />
      </Router>
    ),
    root,
  );
}
