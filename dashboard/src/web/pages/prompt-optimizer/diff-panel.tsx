import { createMemo, createSignal, For } from 'solid-js';
import type { PromptVariant } from '../../../shared/api-types.js';
import { Panel } from '../../components/panel.js';
import { diffWords } from '../../diff-words.js';

/** Word-level changes of the draft against the selected variant's prompt, or another variant's. */
export function DiffPanel(props: { variant: PromptVariant; variants: PromptVariant[]; draft: string }) {
  const [compareTo, setCompareTo] = createSignal<string>('');
  const base = () =>
    compareTo() ? (props.variants.find((v) => v.variant === compareTo())?.prompt ?? '') : (props.variant.prompt ?? '');
  const diff = createMemo(() => diffWords(base(), props.draft));
  return (
    <Panel
      title="Diff"
      hint="Word-level changes"
      actions={
        <select
          class="select"
          aria-label="Compare with"
          value={compareTo()}
          onChange={(e) => setCompareTo(e.currentTarget.value)}
        >
          <option value="">Edited vs {props.variant.variant}</option>
          <For each={props.variants.filter((v) => v.variant !== props.variant.variant)}>
            {(v) => <option value={v.variant}>Edited vs {v.variant}</option>}
          </For>
        </select>
      }
    >
      <div class="diff" data-diff>
        <For each={diff()}>{(part) => <span class={part.kind}>{part.text}</span>}</For>
      </div>
    </Panel>
  );
}
