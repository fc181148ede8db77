import { useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';

/** Stands for the first page (no cursor) in the `back` list. */
const FIRST_PAGE = '-';

/**
 * Previous / next page of a keyset-paged list. The cursor lives in the URL (`cursor`), the
 * cursors of earlier pages in `back` (comma-separated), so every page can be reloaded and
 * going back never re-counts rows.
 */
export function CursorPager(props: { nextCursor: string | null; shown: number }) {
  const [search, setSearch] = useSearchParams<{ cursor?: string; back?: string }>();
  const back = () => (search.back ? search.back.split(',') : []);
  const next = () => {
    const cursor = props.nextCursor;
    if (!cursor) return;
    setSearch({ cursor, back: [...back(), search.cursor ?? FIRST_PAGE].join(',') });
  };
  const previous = () => {
    const stack = back();
    const cursor = stack.pop();
    setSearch({
      cursor: cursor === FIRST_PAGE ? undefined : cursor,
      back: stack.length > 0 ? stack.join(',') : undefined,
    });
  };
  return (
    <div class="row pager" data-pager>
      <span class="faint">
        {props.shown} shown{back().length > 0 ? ` · page ${back().length + 1}` : ''}
      </span>
      <div class="topbar-spacer" />
      <Show when={search.cursor}>
        <button type="button" class="button" onClick={previous}>
          ← Previous
        </button>
      </Show>
      <button type="button" class="button" disabled={!props.nextCursor} onClick={next} data-next-page>
        Next →
      </button>
    </div>
  );
}
