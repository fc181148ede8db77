/** `$0.0123` — dollars with four decimals (six below a cent of a cent). */
export function formatDollars(value: number): string {
  return value > 0 && value < 0.0001 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

/** `1.2K`, `3.4M` — token counts. */
export function formatTokens(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}K`;
  return String(value);
}
