import { Route, Router } from '@solidjs/router';
import { createResource, type ParentProps, Show } from 'solid-js';
import { render } from 'solid-js/web';
import type { MetaResponse } from '../shared/api-types.js';
import { apiGet } from './api.js';
import { AppStateProvider } from './app-state.js';
import { Layout } from './components/layout.js';
import { CacheAnalyzerPage } from './pages/cache-analyzer/index.js';
import { CallsPage } from './pages/calls/index.js';
import { CostEstimatorPage } from './pages/cost-estimator/index.js';
import { HomePage } from './pages/home/index.js';
import { LivePage } from './pages/live/index.js';
import { LlmJudgePage } from './pages/llm-judge/index.js';
import { ModelRouterPage } from './pages/model-router/index.js';
import { PromptOptimizerPage } from './pages/prompt-optimizer/index.js';
import { SessionDetailPage } from './pages/session-detail/index.js';
import { SessionsPage } from './pages/sessions/index.js';
import { SettingsPage } from './pages/settings/index.js';
import './styles.css';

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
