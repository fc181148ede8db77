const MAX_STATUS_LENGTH = 120;

/**
 * "failed: <reason>" on one line, at most 120 characters, for `DeliveryResult.status`.
 * For an error it names the root cause: fetch reports every network failure as
 * "fetch failed" and keeps the useful part ("connect ECONNREFUSED …") in `cause`.
 */
export function failureStatus(reason: unknown): string {
  const text = `failed: ${describe(reason)}`.replace(/\s+/g, ' ').trim();
  return text.length > MAX_STATUS_LENGTH ? `${text.slice(0, MAX_STATUS_LENGTH - 1)}…` : text;
}

function describe(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const cause = reason.cause instanceof Error ? reason.cause : null;
  // A refused connection to "localhost" (IPv4 and IPv6 both tried) is an AggregateError with no message.
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  return cause?.message || code || reason.message || reason.name;
}
