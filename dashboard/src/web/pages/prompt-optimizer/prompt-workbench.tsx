import { createEffect, createSignal, on } from 'solid-js';
import type { PromptVariant } from '../../../shared/api-types.js';
import { DiffPanel } from './diff-panel.js';
import { EditorPanel } from './editor-panel.js';

/** The editor and the diff of one draft, which starts from the selected variant's prompt. */
export function PromptWorkbench(props: { promptId: string; variant: PromptVariant; variants: PromptVariant[] }) {
  const [draft, setDraft] = createSignal(props.variant.prompt ?? '');
  createEffect(
    on(
      () => props.variant.variant,
      () => setDraft(props.variant.prompt ?? ''),
    ),
  );
  return (
    <>
      <EditorPanel promptId={props.promptId} variant={props.variant} draft={draft()} onDraft={setDraft} />
      <DiffPanel variant={props.variant} variants={props.variants} draft={draft()} />
    </>
  );
}
