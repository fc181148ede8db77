import {
  type AggregateFilter,
  type BreakdownDimension,
  type BreakdownRow,
  type CallTotals,
  type CrossBreakdownRow,
  LATENCY_BUCKET_BOUNDS_MS,
  type LatencyPercentiles,
  type LatencySlice,
  type ObservatoryStorage,
  type Overview,
  percentileFromHistogram,
  type RollupSlice,
  type SeriesInterval,
  type SessionCount,
  type TimeSeriesPoint,
  toCallTotals,
} from '@observatory/core';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const INTERVAL_MS: Record<SeriesInterval, number> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };

/** Which slice field a breakdown dimension reads. */
const DIMENSION_FIELD: Record<
  BreakdownDimension,
  'modelName' | 'agentName' | 'operationName' | 'provider' | 'projectName'
> = {
  model: 'modelName',
  agent: 'agentName',
  operation: 'operationName',
  provider: 'provider',
  project: 'projectName',
};

/**
 * One key (project, provider, model, agent, operation) in one period: its summed measures
 * and its latency histogram as flat arrays, so merging a month of them is a few thousand
 * additions rather than a walk over objects.
 */
interface Cell {
  period: number;
  projectName: string;
  provider: string;
  modelName: string;
  agentName: string;
  operationName: string;
  sums: Float64Array;
  histogram: Float64Array;
}

interface Slices {
  cells: Cell[];
  /** The same data per hour (measures only, no histograms), for hourly series. */
  hourCells: Cell[];
  sessions: SessionCount[];
}

interface CachedPeriod extends Slices {
  fingerprint: string;
  loadedAt: number;
}

/** A closed hour or UTC day of the range, read from the cache. */
interface Unit {
  start: number;
  width: number;
}

export interface RollupViewOptions {
  /**
   * How long fingerprints are trusted before being re-read (ms). A write into an already
   * closed hour or day (a late batch, a backfill, a prune) shows up at most this late;
   * the current hour is always read live. Default 2,000.
   */
  revalidateMs?: number;
  /** Cached periods are reloaded after this long anyway, so late session ends show (ms). Default 10 minutes. */
  maxAgeMs?: number;
}

/** Cached hours kept at most (a month of them); days are never evicted except by pruning. */
const MAX_CACHED_HOURS = 24 * 31;

/**
 * The hourly rollups re-aggregated per closed UTC day and per closed hour, kept in memory,
 * so a 30-day view reads ~30 cached days, a few cached hours and the current hour live,
 * instead of ~150,000 hourly rollup and histogram rows. Every cached period carries a
 * fingerprint (calls, summed latency, rollup rows) and is reloaded when the store's
 * fingerprint for it changes. The methods return what core's getOverview, getBreakdown,
 * getCrossBreakdown and getTimeSeries return for the same filter.
 */
export class RollupView {
  private readonly cache = new Map<string, CachedPeriod>();
  private readonly loading = new Map<string, Promise<void>>();
  private dayPrints: { at: number; byDay: Map<number, string> } | null = null;
  private dayPrintLoad: Promise<Map<number, string>> | null = null;
  private readonly hourPrints = new Map<number, { at: number; fingerprint: string | null }>();
  private readonly revalidateMs: number;
  private readonly maxAgeMs: number;
  /** The last few slice reads by range, shared by the several aggregates one request makes. */
  private readonly recent = new Map<string, { at: number; slices: Promise<Slices> }>();

  constructor(
    private readonly storage: ObservatoryStorage,
    private readonly now: () => number,
    options: RollupViewOptions = {},
  ) {
    this.revalidateMs = options.revalidateMs ?? 2000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
  }

  /** Start of the first UTC day with calls, or null for an empty store. */
  async firstDay(): Promise<number | null> {
    const days = [...(await this.loadDayPrints(this.now())).keys()];
    return days.length > 0 ? Math.min(...days) : null;
  }
  /** Distinct non-empty values of a dimension over all history (optionally in one project), sorted. */
  async distinct(dimension: BreakdownDimension, projectName?: string): Promise<string[]> {
    const field = DIMENSION_FIELD[dimension];
    const { cells } = await this.slices({});
    const values = new Set<string>();
    for (const cell of cells) {
      if (projectName !== undefined && cell.projectName !== projectName) continue;
      if (cell[field] !== '' && cell.sums[0] > 0) values.add(cell[field]);
    }
    return [...values].sort();
  }

  /** Sums over the filter, without percentiles or sessions (the cheapest aggregate). */
  async totals(filter: AggregateFilter): Promise<CallTotals> {
    const { cells } = await this.slices(filter);
    const [group] = accumulate(cells.filter(matches(filter)), () => '').values();
    return toTotals(group);
  }

  /** Same as core's getOverview. */
  async overview(filter: AggregateFilter): Promise<Overview> {
    const { cells, sessions } = await this.slices(filter);
    const [group] = accumulate(cells.filter(matches(filter)), () => '').values();
    let totalSessions = 0;
    let failedSessions = 0;
    for (const count of sessions) {
      if (filter.projectName !== undefined && count.projectName !== filter.projectName) continue;
      totalSessions += count.sessions;
      failedSessions += count.failed;
    }
    return { ...toTotals(group), ...percentilesOf(group), totalSessions, failedSessions };
  }

  /** Same as core's getBreakdown: totals and percentiles per group, most expensive first. */
  async breakdown(dimension: BreakdownDimension, filter: AggregateFilter): Promise<BreakdownRow[]> {
    const field = DIMENSION_FIELD[dimension];
    const { cells } = await this.slices(filter);
    const groups = [...accumulate(cells.filter(matches(filter)), (cell) => cell[field]).entries()];
    groups.sort(
      ([, a], [, b]) => b.sums[measure('total_cost')] - a.sums[measure('total_cost')] || b.sums[0] - a.sums[0],
    );
    const rows = groups.map(([key, group]) => ({ key, group, totals: toTotals(group) }));
    const allCost = rows.reduce((sum, r) => sum + r.totals.totalCost, 0);
    return rows.map(({ key, group, totals }) => ({
      key,
      ...(dimension === 'model' ? { provider: group.provider } : {}),
      ...totals,
      ...percentilesOf(group),
      costShare: allCost > 0 ? totals.totalCost / allCost : 0,
    }));
  }

  /** Same as core's getCrossBreakdown. */
  async crossBreakdown(
    rowsBy: BreakdownDimension,
    columnsBy: BreakdownDimension,
    filter: AggregateFilter,
  ): Promise<CrossBreakdownRow[]> {
    const rowField = DIMENSION_FIELD[rowsBy];
    const columnField = DIMENSION_FIELD[columnsBy];
    const { cells } = await this.slices(filter);
    const groups = [
      ...accumulate(cells.filter(matches(filter)), (cell) => `${cell[rowField]}\u0000${cell[columnField]}`).entries(),
    ];
    groups.sort(([, a], [, b]) => b.sums[measure('total_cost')] - a.sums[measure('total_cost')]);
    return groups.map(([key, group]) => {
      const [row, column] = key.split('\u0000');
      return { row, column, ...toTotals(group) };
    });
  }

  /** Same as core's getTimeSeries. */
  async series(
    filter: AggregateFilter & { interval?: SeriesInterval; groupBy?: BreakdownDimension },
  ): Promise<TimeSeriesPoint[]> {
    const interval = filter.interval ?? 'hour';
    const width = INTERVAL_MS[interval];
    const field = filter.groupBy ? DIMENSION_FIELD[filter.groupBy] : null;
    const slices = await this.slices(filter);
    const cells = interval === 'hour' ? slices.hourCells : slices.cells;
    const groups = accumulate(cells.filter(matches(filter)), (cell) => {
      const time = Math.floor(cell.period / width) * width;
      return field ? `${time}\u0000${cell[field]}` : String(time);
    });
    const points: TimeSeriesPoint[] = [...groups.entries()].map(([key, group]) => {
      const [time, name] = key.split('\u0000');
      return { time: Number(time), ...(field ? { key: name } : {}), ...toTotals(group) };
    });
    return points.sort((a, b) => a.time - b.time);
  }

  /**
   * Slices covering the filter's range as the rollups see it (hours from the one holding
   * `from` up to the one holding `to`): cached days and hours for everything before the
   * current hour, the current hour (and any later timestamps) read live. Sessions are
   * counted over the exact [from, to), like core does.
   */
  private slices(filter: AggregateFilter): Promise<Slices> {
    const now = this.now();
    const key = `${filter.from?.getTime() ?? ''}:${filter.to?.getTime() ?? ''}`;
    const shareMs = Math.min(250, this.revalidateMs);
    const hit = this.recent.get(key);
    if (hit && now - hit.at < shareMs) return hit.slices;
    const slices = this.readSlices(filter, now);
    this.recent.set(key, { at: now, slices });
    slices.catch(() => this.recent.delete(key));
    for (const [k, v] of this.recent) if (now - v.at >= shareMs) this.recent.delete(k);
    return slices;
  }

  private async readSlices(filter: AggregateFilter, now: number): Promise<Slices> {
    const currentHour = floorTo(now, HOUR_MS);
    const from = filter.from?.getTime();
    const to = filter.to?.getTime();
    const dayPrints = await this.loadDayPrints(now);
    const knownDays = [...dayPrints.keys()];
    const lo = from !== undefined ? floorTo(from, HOUR_MS) : Math.min(currentHour, ...knownDays);
    const hi = to !== undefined ? Math.ceil(to / HOUR_MS) * HOUR_MS : Number.POSITIVE_INFINITY;
    const closedEnd = Math.min(hi, currentHour);

    const units: Unit[] = [];
    if (lo < closedEnd) {
      const firstDay = Math.ceil(lo / DAY_MS) * DAY_MS;
      const lastDayEnd = floorTo(closedEnd, DAY_MS);
      if (firstDay < lastDayEnd) {
        await this.addHours(units, lo, firstDay, now);
        for (const day of knownDays.sort((a, b) => a - b)) {
          if (day >= firstDay && day < lastDayEnd) units.push({ start: day, width: DAY_MS });
        }
        await this.addHours(units, lastDayEnd, closedEnd, now);
      } else {
        await this.addHours(units, lo, closedEnd, now);
      }
    }
    const cached = await Promise.all(units.map((unit) => this.ensure(unit, dayPrints, now)));

    const parts: Slices[] = [];
    const liveFrom = Math.max(lo, closedEnd);
    if (liveFrom < hi) {
      const range = {
        from: new Date(liveFrom),
        to: to === undefined ? undefined : new Date(hi),
        period: 'hour' as const,
      };
      const [rows, latency] = await Promise.all([
        this.storage.getRollupSlices(range),
        this.storage.getLatencySlices(range),
      ]);
      const cells = toCells(rows, latency);
      parts.push({ cells, hourCells: cells, sessions: [] });
    }
    for (const entry of cached) parts.push({ cells: entry.cells, hourCells: entry.hourCells, sessions: [] });

    // Sessions: cached counts of units wholly inside [from, to); the rest counted live.
    const sessions: SessionCount[] = [];
    const inside = (unit: Unit) =>
      (from === undefined || unit.start >= from) && (to === undefined || unit.start + unit.width <= to);
    const counted: Unit[] = [];
    cached.forEach((entry, i) => {
      if (inside(units[i])) {
        sessions.push(...entry.sessions);
        counted.push(units[i]);
      }
    });
    for (const gap of gaps(counted, from, to)) sessions.push(...(await this.storage.countSessions(gap)));
    parts.push({ cells: [], hourCells: [], sessions });
    return {
      cells: parts.flatMap((p) => p.cells),
      hourCells: parts.flatMap((p) => p.hourCells),
      sessions: parts.flatMap((p) => p.sessions),
    };
  }

  /** Closed hours in [start, end) that have calls, after refreshing their fingerprints if stale. */
  private async addHours(units: Unit[], start: number, end: number, now: number): Promise<void> {
    if (start >= end) return;
    let stale = false;
    for (let hour = start; hour < end; hour += HOUR_MS) {
      const known = this.hourPrints.get(hour);
      if (!known || now - known.at >= this.revalidateMs) stale = true;
    }
    if (stale) {
      const prints = await this.storage.getRollupFingerprints({
        from: new Date(start),
        to: new Date(end),
        period: 'hour',
      });
      const byHour = new Map(prints.map((p) => [p.period, fingerprintOf(p)]));
      for (let hour = start; hour < end; hour += HOUR_MS)
        this.hourPrints.set(hour, { at: now, fingerprint: byHour.get(hour) ?? null });
      this.trimHours();
    }
    for (let hour = start; hour < end; hour += HOUR_MS) {
      if (this.hourPrints.get(hour)?.fingerprint) units.push({ start: hour, width: HOUR_MS });
    }
  }

  private async ensure(unit: Unit, dayPrints: Map<number, string>, now: number): Promise<CachedPeriod> {
    const key = `${unit.width}:${unit.start}`;
    const fingerprint =
      (unit.width === DAY_MS ? dayPrints.get(unit.start) : this.hourPrints.get(unit.start)?.fingerprint) ?? '';
    const current = this.cache.get(key);
    if (current && current.fingerprint === fingerprint && now - current.loadedAt < this.maxAgeMs) return current;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(unit, fingerprint, now).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    await pending;
    return this.cache.get(key) as CachedPeriod;
  }

  private async load(unit: Unit, fingerprint: string, now: number): Promise<void> {
    const range = {
      from: new Date(unit.start),
      to: new Date(unit.start + unit.width),
      period: unit.width === DAY_MS ? ('day' as const) : ('hour' as const),
    };
    const isDay = unit.width === DAY_MS;
    const [rows, latency, sessions, hourRows] = await Promise.all([
      this.storage.getRollupSlices(range),
      this.storage.getLatencySlices(range),
      this.storage.countSessions({ from: range.from, to: range.to }),
      isDay ? this.storage.getRollupSlices({ ...range, period: 'hour' }) : Promise.resolve([]),
    ]);
    const cells = toCells(rows, latency);
    this.cache.set(`${unit.width}:${unit.start}`, {
      fingerprint,
      loadedAt: now,
      cells,
      hourCells: isDay ? toCells(hourRows, []) : cells,
      sessions,
    });
  }

  /** Per-day fingerprints of all history, re-read at most every `revalidateMs`. */
  private async loadDayPrints(now: number): Promise<Map<number, string>> {
    if (this.dayPrints && now - this.dayPrints.at < this.revalidateMs) return this.dayPrints.byDay;
    this.dayPrintLoad ??= this.storage
      .getRollupFingerprints({ period: 'day' })
      .then((list) => {
        const byDay = new Map(list.map((p) => [p.period, fingerprintOf(p)]));
        this.dayPrints = { at: now, byDay };
        // Days that vanished (pruned) leave the cache.
        for (const key of this.cache.keys()) {
          const [width, start] = key.split(':').map(Number);
          if (width === DAY_MS && !byDay.has(start)) this.cache.delete(key);
        }
        return byDay;
      })
      .finally(() => {
        this.dayPrintLoad = null;
      });
    return this.dayPrintLoad;
  }

  private trimHours(): void {
    if (this.hourPrints.size <= MAX_CACHED_HOURS) return;
    const hours = [...this.hourPrints.keys()].sort((a, b) => a - b);
    for (const hour of hours.slice(0, hours.length - MAX_CACHED_HOURS)) {
      this.hourPrints.delete(hour);
      this.cache.delete(`${HOUR_MS}:${hour}`);
    }
  }
}

function fingerprintOf(p: { calls: number; latencySumMs: number; rows: number }): string {
  return `${p.calls}:${p.latencySumMs}:${p.rows}`;
}

function floorTo(time: number, width: number): number {
  return Math.floor(time / width) * width;
}

/** Parts of [from, to) not covered by `units` (sorted, non-overlapping), as session-count ranges. */
function gaps(units: Unit[], from: number | undefined, to: number | undefined): Array<{ from?: Date; to?: Date }> {
  const sorted = [...units].sort((a, b) => a.start - b.start);
  const result: Array<{ from?: Date; to?: Date }> = [];
  let cursor = from;
  for (const unit of sorted) {
    if (cursor === undefined || cursor < unit.start) {
      result.push({ from: cursor === undefined ? undefined : new Date(cursor), to: new Date(unit.start) });
    }
    cursor = unit.start + unit.width;
  }
  if (to === undefined || cursor === undefined || cursor < to) {
    result.push({
      from: cursor === undefined ? undefined : new Date(cursor),
      to: to === undefined ? undefined : new Date(to),
    });
  }
  return result;
}

const NO_PERCENTILES: LatencyPercentiles = { p50LatencyMs: null, p95LatencyMs: null, p99LatencyMs: null };

function matches(filter: AggregateFilter) {
  return (cell: Cell): boolean =>
    (filter.projectName === undefined || cell.projectName === filter.projectName) &&
    (filter.provider === undefined || cell.provider === filter.provider) &&
    (filter.modelName === undefined || cell.modelName === filter.modelName) &&
    (filter.agentName === undefined || cell.agentName === filter.agentName) &&
    (filter.operationName === undefined || cell.operationName === filter.operationName);
}

/** Measure names (the `selectSums` aliases) to array positions, growing if core adds measures. */
const MEASURES = new Map<string, number>([['calls', 0]]);
const MAX_MEASURES = 64;
const BUCKETS = LATENCY_BUCKET_BOUNDS_MS.length + 1;
const NO_HISTOGRAM = new Float64Array(BUCKETS);

function measure(name: string): number {
  let index = MEASURES.get(name);
  if (index === undefined) {
    index = MEASURES.size;
    if (index >= MAX_MEASURES) throw new Error(`RollupView: more than ${MAX_MEASURES} rollup measures`);
    MEASURES.set(name, index);
  }
  return index;
}

/** Merge a period's rollup and latency slices into one cell per key. */
function toCells(rows: readonly RollupSlice[], latency: readonly LatencySlice[]): Cell[] {
  const cells = new Map<string, Cell>();
  const cellOf = (slice: RollupSlice | LatencySlice): Cell => {
    const id = `${slice.period}\u0000${slice.projectName}\u0000${slice.provider}\u0000${slice.modelName}\u0000${slice.agentName}\u0000${slice.operationName}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = {
        period: slice.period,
        projectName: slice.projectName,
        provider: slice.provider,
        modelName: slice.modelName,
        agentName: slice.agentName,
        operationName: slice.operationName,
        sums: new Float64Array(MAX_MEASURES),
        // Hour cells of a cached day carry no histogram; they share one empty array.
        histogram: latency.length > 0 ? new Float64Array(BUCKETS) : NO_HISTOGRAM,
      };
      cells.set(id, cell);
    }
    return cell;
  };
  for (const row of rows) {
    const cell = cellOf(row);
    for (const name in row.sums) cell.sums[measure(name)] += row.sums[name];
  }
  for (const slice of latency) cellOf(slice).histogram[slice.bucket] += slice.calls;
  return [...cells.values()];
}

interface Group {
  sums: Float64Array;
  histogram: Float64Array;
  /** Alphabetically last provider of the group's cells (what core's max(model_provider) gives). */
  provider: string;
}

function accumulate(cells: readonly Cell[], key: (cell: Cell) => string): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const cell of cells) {
    const k = key(cell);
    let group = groups.get(k);
    if (!group) {
      group = { sums: new Float64Array(MAX_MEASURES), histogram: new Float64Array(BUCKETS), provider: '' };
      groups.set(k, group);
    }
    for (let i = 0; i < MEASURES.size; i++) group.sums[i] += cell.sums[i];
    for (let i = 0; i < BUCKETS; i++) group.histogram[i] += cell.histogram[i];
    if (cell.provider > group.provider) group.provider = cell.provider;
  }
  return groups;
}

function toTotals(group: Group | undefined): CallTotals {
  const record: Record<string, number> = {};
  if (group) for (const [name, index] of MEASURES) record[name] = group.sums[index];
  return toCallTotals(record);
}

function percentilesOf(group: Group | undefined): LatencyPercentiles {
  if (!group) return NO_PERCENTILES;
  const histogram = new Map<number, number>();
  for (let i = 0; i < BUCKETS; i++) if (group.histogram[i] > 0) histogram.set(i, group.histogram[i]);
  if (histogram.size === 0) return NO_PERCENTILES;
  return {
    p50LatencyMs: percentileFromHistogram(histogram, 0.5),
    p95LatencyMs: percentileFromHistogram(histogram, 0.95),
    p99LatencyMs: percentileFromHistogram(histogram, 0.99),
  };
}
