import { type JSX, Match, type Resource, Switch } from 'solid-js';

/**
 * A resource's three states: a skeleton while the first load runs, the server's error
 * message, or the content (kept on screen while a refetch runs, so pages do not flicker).
 */
export function AsyncView<T>(props: {
  resource: Resource<T>;
  children: (data: T) => JSX.Element;
  skeletonHeight?: number;
}) {
  return (
    <Switch>
      <Match when={props.resource.error}>
        <div class="error-box">
          Could not load: {(props.resource.error as Error)?.message ?? String(props.resource.error)}
        </div>
      </Match>
      <Match when={props.resource.latest !== undefined}>{props.children(props.resource.latest as T)}</Match>
      <Match when={true}>
        <div class="skeleton" style={{ height: `${props.skeletonHeight ?? 320}px` }} />
      </Match>
    </Switch>
  );
}
