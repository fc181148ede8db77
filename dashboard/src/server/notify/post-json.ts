import { failureStatus } from './failure-status.js';
import type { AttemptOutcome } from './retry-delivery.js';

const TIMEOUT_MS = 5000;
/** How much of a refusing receiver's body goes into the status (Slack says why there, e.g. "no_service"). */
const BODY_PREVIEW_CHARS = 60;

/**
 * POST a JSON body once and classify the answer: 2xx is ok; a network error, timeout, 429
 * or 5xx is transient; anything else (other 4xx, a redirect) is a failure to not repeat.
 */
export async function postJson(
  fetchFn: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<AttemptOutcome> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      // A redirect would replay a signed body to a host nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, status: failureStatus(error), transient: true };
  }
  // Read the body even when unused, so the keep-alive connection is released.
  const text = await response.text().catch(() => '');
  if (response.ok) return { ok: true, status: String(response.status), transient: false };
  const preview = text.slice(0, BODY_PREVIEW_CHARS);
  return {
    ok: false,
    status: failureStatus(`HTTP ${response.status}${preview ? ` ${preview}` : ''}`),
    transient: response.status === 429 || response.status >= 500,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  };
}

/** Retry-After as delay-seconds or an HTTP date, in ms from now; null when absent or unreadable. */
function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
