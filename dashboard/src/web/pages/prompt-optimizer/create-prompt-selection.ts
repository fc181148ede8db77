import { type Accessor, createEffect, createSignal } from 'solid-js';
import type { PromptsResponse, PromptVariant } from '../../../shared/api-types.js';

type PromptGroup = PromptsResponse['prompts'][number];

/** The prompt and the variant picked on the page. */
interface PromptSelection {
  promptId: Accessor<string>;
  setPromptId(promptId: string): void;
  prompt: Accessor<PromptGroup | null>;
  variantName: Accessor<string>;
  setVariantName(variant: string): void;
  variant: Accessor<PromptVariant | null>;
}

/** Picks a prompt and one of its variants, falling back to the first of each when the data has no such one. */
export function createPromptSelection(prompts: Accessor<PromptGroup[]>): PromptSelection {
  const [promptId, setPromptId] = createSignal('');
  const [variantName, setVariantName] = createSignal('');
  createEffect(() => {
    const list = prompts();
    if (list.length > 0 && !list.some((p) => p.promptId === promptId())) setPromptId(list[0].promptId);
  });
  const prompt = () => prompts().find((p) => p.promptId === promptId()) ?? null;
  createEffect(() => {
    const variants = prompt()?.variants ?? [];
    if (variants.length > 0 && !variants.some((v) => v.variant === variantName())) setVariantName(variants[0].variant);
  });
  const variant = () => prompt()?.variants.find((v) => v.variant === variantName()) ?? null;
  return { promptId, setPromptId, prompt, variantName, setVariantName, variant };
}
