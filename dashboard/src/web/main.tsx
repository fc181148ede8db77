import { Route, Router } from '@solidjs/router';
import { type Component, createResource, lazy, type ParentProps, Show } from 'solid-js';
import { render } from 'solid-js/web';
import type { MetaResponse } from '../shared/api-types.js';
import { apiGet } from './api.js';
import { AppStateProvider } from './app-state.js';
import { Layout } from './components/layout.js';
import './styles.css';

// Each page is its own chunk, loaded when first opened: a session or a list does not wait
// for the chart library the other pages draw with.
function lazyPage<K extends string>(load: () => Promise<Record<K, Component>>, name: K) {
  return lazy(() => load().then((page) => ({ default: page[name] })));
}

const CacheAnalyzerPage = lazyPage(() => import('./pages/cache-analyzer/index.js'), 'CacheAnalyzerPage');
const CallsPage = lazyPage(() => import('./pages/calls/index.js'), 'CallsPage');
const CostEstimatorPage = lazyPage(() => import('./pages/cost-estimator/index.js'), 'CostEstimatorPage');
const HomePage = lazyPage(() => import('./pages/home/index.js'), 'HomePage');
const LivePage = lazyPage(() => import('./pages/live/index.js'), 'LivePage');
const LlmJudgePage = lazyPage(() => import('./pages/llm-judge/index.js'), 'LlmJudgePage');
const ModelRouterPage = lazyPage(() => import('./pages/model-router/index.js'), 'ModelRouterPage');
const PromptOptimizerPage = lazyPage(() => import('./pages/prompt-optimizer/index.js'), 'PromptOptimizerPage');
const SessionDetailPage = lazyPage(() => import('./pages/session-detail/index.js'), 'SessionDetailPage');
const SessionsPage = lazyPage(() => import('./pages/sessions/index.js'), 'SessionsPage');
const SettingsPage = lazyPage(() => import('./pages/settings/index.js'), 'SettingsPage');

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
