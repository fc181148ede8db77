/** ApexCharts heatmap rows: one series per row, one {x, y} cell per column. */
type HeatmapSeries = Array<{ name: string; data: Array<{ x: string; y: number | null }> }>;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Activity by weekday and hour of day (UTC or local) from hourly points: a cell is the
 * sum over every matching hour in the range. Rows run Monday (top) to Sunday.
 */
export function toWeekdayHourHeatmap<P extends { time: number }>(
  points: readonly P[],
  value: (point: P) => number,
  zone: 'utc' | 'local' = 'utc',
): HeatmapSeries {
  const grid = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  for (const point of points) {
    const date = new Date(point.time);
    const day = zone === 'utc' ? date.getUTCDay() : date.getDay();
    const hour = zone === 'utc' ? date.getUTCHours() : date.getHours();
    grid[(day + 6) % 7][hour] += value(point);
  }
  // ApexCharts draws the first series at the bottom; reverse so Monday is on top.
  return WEEKDAYS.map((name, row) => ({
    name,
    data: grid[row].map((y, hour) => ({ x: String(hour).padStart(2, '0'), y: Math.round(y * 1e6) / 1e6 })),
  })).reverse();
}

/**
 * A matrix (rows × columns) from cells; missing cells are null. Rows and columns keep the
 * order given, or first appearance. The first row is drawn on top.
 */
export function toMatrixHeatmap<C extends { row: string; column: string }>(
  cells: readonly C[],
  value: (cell: C) => number | null,
  options: {
    rows?: string[];
    columns?: string[];
    rowName?: (key: string) => string;
    columnName?: (key: string) => string;
    /** Value for missing cells. ApexCharts colours null like 0, so a colour scale needs a sentinel (e.g. -1). */
    missing?: number | null;
  } = {},
): HeatmapSeries {
  const rows = options.rows ?? [...new Set(cells.map((c) => c.row))];
  const columns = options.columns ?? [...new Set(cells.map((c) => c.column))];
  const byKey = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
  const named = (key: string, nameOf?: (key: string) => string) => (key === '' ? '(none)' : (nameOf?.(key) ?? key));
  return rows
    .map((row) => ({
      name: named(row, options.rowName),
      data: columns.map((column) => {
        const cell = byKey.get(`${row}\u0000${column}`);
        const v = cell ? value(cell) : null;
        return {
          x: named(column, options.columnName),
          y: v === null ? (options.missing ?? null) : Math.round(v * 1e6) / 1e6,
        };
      }),
    }))
    .reverse();
}
