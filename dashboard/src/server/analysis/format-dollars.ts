/**
 * Dollars in a sentence (alert messages, anomaly reasons): cents from $0.10; two significant
 * digits below, so a small model's $0.004 is not "$0.00".
 */
export function formatDollars(v: number): string {
  if (v === 0) return '$0.00';
  return v >= 0.1
    ? `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    : `$${v.toPrecision(2)}`;
}
