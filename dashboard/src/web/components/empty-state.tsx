import { type JSX, Show } from 'solid-js';

/** What to record to light a page up, with a code snippet. */
export function EmptyState(props: { title: string; children: JSX.Element; code?: string }) {
  return (
    <div class="empty" data-empty-state>
      <h2>{props.title}</h2>
      <p>{props.children}</p>
      <Show when={props.code}>
        <pre class="code">{props.code}</pre>
      </Show>
    </div>
  );
}
