/** Rows of a breakdown, as any object with a key. */
interface KeyedRow {
  key: string;
}

/**
 * Donut data: labels and values of the `top` largest rows, the rest summed as "Other";
 * zero rows are left out (a donut cannot show them).
 */
export function toDonutSeries<R extends KeyedRow>(
  rows: readonly R[],
  value: (row: R) => number,
  options: { top?: number; nameOf?: (key: string) => string } = {},
): { labels: string[]; series: number[] } {
  const top = options.top ?? 6;
  const sorted = rows
    .map((row) => ({ row, v: value(row) }))
    .filter((r) => r.v > 0)
    .sort((a, b) => b.v - a.v);
  const kept = sorted.slice(0, top);
  const rest = sorted.slice(top).reduce((sum, r) => sum + r.v, 0);
  const name = (key: string) => (key === '' ? '(none)' : (options.nameOf?.(key) ?? key));
  return {
    labels: [...kept.map((r) => name(r.row.key)), ...(rest > 0 ? ['Other'] : [])],
    series: [...kept.map((r) => r.v), ...(rest > 0 ? [rest] : [])],
  };
}

/** Bar data: one category per row (in the given order) and one series per measure. */
export function toBarSeries<R extends KeyedRow>(
  rows: readonly R[],
  measures: ReadonlyArray<{ name: string; value: (row: R) => number | null }>,
  options: { nameOf?: (key: string) => string; limit?: number } = {},
): { categories: string[]; series: Array<{ name: string; data: Array<number | null> }> } {
  const shown = rows.slice(0, options.limit ?? 12);
  return {
    categories: shown.map((row) => (options.nameOf ? options.nameOf(row.key) : row.key || '(none)')),
    series: measures.map((m) => ({ name: m.name, data: shown.map((row) => m.value(row)) })),
  };
}
