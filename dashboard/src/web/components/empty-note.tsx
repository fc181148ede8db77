import type { JSX } from 'solid-js';

/**
 * A panel's one-line note that it has nothing to show (yet), marked `data-empty` so the
 * browser tests can tell an empty panel from a quiet one.
 */
export function EmptyNote(props: { children: JSX.Element; inline?: boolean; class?: string }) {
  return props.inline ? (
    <span class={`faint ${props.class ?? ''}`} data-empty>
      {props.children}
    </span>
  ) : (
    <div class={`faint ${props.class ?? ''}`} data-empty>
      {props.children}
    </div>
  );
}
