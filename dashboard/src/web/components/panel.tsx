import { type JSX, type ParentProps, Show } from 'solid-js';

/** A card with a title row (title, hint, actions) and a body. */
export function Panel(
  props: ParentProps<{ title?: string; hint?: JSX.Element; actions?: JSX.Element; flush?: boolean; class?: string }>,
) {
  return (
    <section class={`panel ${props.class ?? ''}`}>
      <Show when={props.title || props.actions}>
        <header class="panel-header">
          <div>
            <h3 class="panel-title">{props.title}</h3>
            <Show when={props.hint}>
              <div class="panel-hint">{props.hint}</div>
            </Show>
          </div>
          <Show when={props.actions}>
            <div class="row">{props.actions}</div>
          </Show>
        </header>
      </Show>
      <div class={props.flush ? 'panel-body flush' : 'panel-body'}>{props.children}</div>
    </section>
  );
}
