import { createMemo, createSignal } from 'solid-js';
import type { CostResponse } from '../../../shared/api-types.js';
import { BudgetsPanel } from '../../components/budgets-panel.js';
import { PageShell } from '../../components/page-shell.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { CostKpis } from './cost-kpis.js';
import { CostRecommendationsPanel } from './cost-recommendations-panel.js';
import { type ForecastMode, ForecastPanel, type Horizon } from './forecast-panel.js';
import { growForecast } from './grow-forecast.js';
import { SavingsPanel } from './savings-panel.js';
import { ScenarioPanel } from './scenario-panel.js';
import { SpendBreakdownPanel } from './spend-breakdown-panel.js';

/**
 * Cost Estimator: spend and its forecast from the observed daily run-rate (simple, or a
 * trend with weekday pattern plus your own growth assumption), scenario repricing of real
 * traffic on another model, breakdowns, cache and routing savings, and recommendations.
 */
export function CostEstimatorPage() {
  const [horizon, setHorizon] = createSignal<Horizon>('30');
  const [mode, setMode] = createSignal<ForecastMode>('simple');
  const [growth, setGrowth] = createSignal(0);
  const cost = createFilteredResource<CostResponse>('cost', () => ({ horizon: horizon() }));
  const advanced = createMemo(() => {
    const forecast = cost.latest?.forecast?.advanced;
    return forecast ? growForecast(forecast, growth()) : null;
  });
  const projection = () => {
    const forecast = cost.latest?.forecast;
    if (!forecast) return null;
    return mode() === 'advanced' && advanced() ? advanced() : forecast.simple;
  };
  return (
    <PageShell title="Cost Estimator" subtitle="Forecasts, what-if repricing and savings, from recorded traffic">
      <CostKpis cost={cost} horizon={horizon()} projection={projection()} />
      <BudgetsPanel />
      <ForecastPanel
        forecast={cost.latest?.forecast ?? null}
        advanced={advanced()}
        mode={mode()}
        onMode={setMode}
        horizon={horizon()}
        onHorizon={setHorizon}
        growth={growth()}
        onGrowth={setGrowth}
      />
      <div class="grid cols-2">
        <ScenarioPanel recommendation={cost.latest?.recommendations.find((r) => r.scenario)?.scenario} />
        <SavingsPanel cost={cost} />
      </div>
      <div class="grid cols-2">
        <SpendBreakdownPanel cost={cost} />
        <CostRecommendationsPanel cost={cost} />
      </div>
    </PageShell>
  );
}
