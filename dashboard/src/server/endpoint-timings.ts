/** Response times per route, kept in memory for the Settings page's performance panel. */
export class EndpointTimings {
  private readonly samples = new Map<string, number[]>();

  constructor(private readonly keep = 200) {}

  record(route: string, ms: number): void {
    let list = this.samples.get(route);
    if (!list) {
      list = [];
      this.samples.set(route, list);
    }
    list.push(ms);
    if (list.length > this.keep) list.shift();
  }

  /** Per route: requests seen (up to `keep`), median and 95th percentile in ms. */
  summary(): Array<{ route: string; count: number; p50Ms: number; p95Ms: number }> {
    return [...this.samples.entries()]
      .map(([route, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        return { route, count: list.length, p50Ms: at(0.5), p95Ms: at(0.95) };
      })
      .sort((a, b) => b.p95Ms - a.p95Ms);
  }
}
