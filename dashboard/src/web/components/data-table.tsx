import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';

interface ColumnBase {
  /** Header text; a table whose columns have none has no header row. */
  header?: JSX.Element;
  /** More classes of the cells: `muted`, `faint`, `nowrap`, `truncate`, `mono`. */
  class?: string;
  /** Style of the cells (the width of an interval bar, the width a truncated text may take). */
  style?: JSX.CSSProperties;
}

/** A column whose cells are rendered by `cell`. */
interface CellColumn<R> extends ColumnBase {
  cell: (row: R) => JSX.Element;
  /** `right` for figures: right-aligned, tabular, never wrapped. */
  align?: 'left' | 'right';
  /** Tooltip of a cell (the whole of a truncated text). */
  title?: (row: R) => string;
  /** Makes the column sortable: a click on its header sorts by this value, descending, then ascending, then as given. */
  sortBy?: (row: R) => number | string | null;
}

/** A column of one figure per row: right-aligned, shown through `format`, sortable by the figure. */
interface FigureColumn<R> extends ColumnBase {
  figure: (row: R) => number | null;
  format: (value: number | null) => string;
}

/** One column of a {@link DataTable}. */
type DataColumn<R> = CellColumn<R> | FigureColumn<R>;

interface DataTableProps<R> {
  columns: ReadonlyArray<DataColumn<R>>;
  rows: readonly R[];
  /** Makes rows clickable. */
  onRowClick?: (row: R) => void;
  /** More classes of a row (`fresh` for a row new since the last refresh). */
  rowClass?: (row: R) => string | undefined;
  rowStyle?: (row: R) => JSX.CSSProperties | undefined;
  /** `data-*` attributes of a row, for tests. */
  rowAttributes?: (row: R) => Record<string, string>;
  /** Text of the one row shown when there are no rows. */
  empty?: JSX.Element;
  /** A row under a row, across every column, while `open` says so (an expanded cluster). */
  detail?: { open: (row: R) => boolean; render: (row: R) => JSX.Element };
  /** `data-*` attributes of the table, for tests. */
  attributes?: Record<string, string>;
}

type SortState<R> = { column: DataColumn<R>; descending: boolean } | null;

/** The cell, alignment, tooltip and sort key of a column, whichever kind it is. */
function resolve<R>(column: DataColumn<R>) {
  if ('figure' in column) {
    const { figure, format } = column;
    return { cell: (row: R) => format(figure(row)), right: true, title: undefined, sortBy: figure };
  }
  return { cell: column.cell, right: column.align === 'right', title: column.title, sortBy: column.sortBy };
}

/**
 * The one table of the dashboard: columns with header, cell renderer and alignment,
 * optionally sortable, clickable rows, an empty row and expandable detail rows. Cells are
 * rendered through Solid's text bindings, so stored text is never parsed as HTML.
 */
export function DataTable<R>(props: DataTableProps<R>) {
  const [sort, setSort] = createSignal<SortState<R>>(null);
  const rows = createMemo(() => {
    const current = sort();
    const value = current && resolve(current.column).sortBy;
    if (!current || !value) return props.rows;
    const sign = current.descending ? -1 : 1;
    return [...props.rows].sort((a, b) => compareNullsLast(value(a), value(b), sign));
  });
  const toggle = (column: DataColumn<R>) => {
    const current = sort();
    if (current?.column !== column) setSort({ column, descending: true });
    else setSort(current.descending ? { column, descending: false } : null);
  };
  const sortedBy = (column: DataColumn<R>) => {
    const current = sort();
    if (current?.column !== column) return undefined;
    return current.descending ? 'descending' : 'ascending';
  };
  const rowClass = (row: R) => classes(props.onRowClick && 'clickable', props.rowClass?.(row));
  return (
    <div class="table-wrap">
      <table class="table" {...props.attributes}>
        <Show when={props.columns.some((column) => column.header !== undefined)}>
          <thead>
            <tr>
              <For each={props.columns}>
                {(column) => (
                  <th
                    class={classes(resolve(column).right && 'num', resolve(column).sortBy && 'sortable')}
                    aria-sort={sortedBy(column)}
                    onClick={resolve(column).sortBy ? () => toggle(column) : undefined}
                  >
                    {column.header}
                    <Show when={sortedBy(column)}>{(order) => (order() === 'descending' ? ' ▾' : ' ▴')}</Show>
                  </th>
                )}
              </For>
            </tr>
          </thead>
        </Show>
        <tbody>
          <For
            each={rows()}
            fallback={
              <Show when={props.empty}>
                <tr>
                  <td colspan={props.columns.length} class="faint" data-empty>
                    {props.empty}
                  </td>
                </tr>
              </Show>
            }
          >
            {(row) => (
              <>
                <tr
                  class={rowClass(row)}
                  style={props.rowStyle?.(row)}
                  onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
                  {...props.rowAttributes?.(row)}
                >
                  <For each={props.columns}>
                    {(column) => (
                      <td
                        class={classes(resolve(column).right && 'num', column.class)}
                        style={column.style}
                        title={resolve(column).title?.(row)}
                      >
                        {resolve(column).cell(row)}
                      </td>
                    )}
                  </For>
                </tr>
                <Show when={props.detail?.open(row)}>
                  <tr>
                    <td colspan={props.columns.length}>{props.detail?.render(row)}</td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function classes(...names: Array<string | false | undefined>): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}

/** Orders values by `sign` (1 ascending, -1 descending), with missing values last either way. */
function compareNullsLast(a: number | string | null, b: number | string | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * sign;
  return String(a).localeCompare(String(b)) * sign;
}
