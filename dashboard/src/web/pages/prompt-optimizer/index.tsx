import { Show } from 'solid-js';
import type { EmptyResponse, PromptsResponse } from '../../../shared/api-types.js';
import { PageShell } from '../../components/page-shell.js';
import { createFilteredResource } from '../../create-filtered-resource.js';
import { createPromptSelection } from './create-prompt-selection.js';
import { PromptPicker } from './prompt-picker.js';
import { PromptWorkbench } from './prompt-workbench.js';
import { PROMPTS_EMPTY } from './prompts-empty.js';
import { RoutingImpactPanel } from './routing-impact-panel.js';
import { VariantsPanel } from './variants-panel.js';
import { WinLossPanel } from './win-loss-panel.js';

/**
 * Prompt Optimizer: A/B of prompt variants (metadata.promptId / metadata.promptVariant)
 * with intervals and significance, a win/loss heatmap from every judged pair, and a
 * side-by-side editor whose token and cost estimate is priced against the prompt's real traffic.
 */
export function PromptOptimizerPage() {
  const data = createFilteredResource<PromptsResponse | EmptyResponse>('prompts');
  const prompts = () => (data.latest && !data.latest.empty ? data.latest.prompts : []);
  const selection = createPromptSelection(prompts);
  return (
    <PageShell
      title="Prompt Optimizer"
      subtitle="A/B test prompt variants and estimate an edit before shipping it"
      actions={<PromptPicker prompts={prompts()} value={selection.promptId()} onChange={selection.setPromptId} />}
      resource={data}
      empty={PROMPTS_EMPTY}
    >
      {(loaded) => (
        <Show when={selection.prompt()}>
          {(prompt) => (
            <>
              <VariantsPanel
                prompt={prompt()}
                sampleSize={loaded.sample.size}
                selected={selection.variantName()}
                onSelect={selection.setVariantName}
              />
              <div class="grid cols-1-2">
                <WinLossPanel prompt={prompt()} />
                <Show when={selection.variant()}>{(variant) => <RoutingImpactPanel variant={variant()} />}</Show>
              </div>
              <Show when={selection.variant()}>
                {(variant) => (
                  <PromptWorkbench promptId={prompt().promptId} variant={variant()} variants={prompt().variants} />
                )}
              </Show>
            </>
          )}
        </Show>
      )}
    </PageShell>
  );
}
