/** A failed API call, with the server's message (which names the bad parameter). */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

/** `/api/x?a=1`, leaving out empty parameters. */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `/api/${path}${query ? `?${query}` : ''}`;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', ...init });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = (body as { error?: string } | null)?.error ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

/** GET a JSON endpoint under /api. */
export function apiGet<T>(path: string, params: Params = {}): Promise<T> {
  return request<T>(apiUrl(path, params));
}

/** POST, PUT or DELETE (with a JSON body, if any) to an endpoint under /api. */
export function apiSend<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  params: Params = {},
): Promise<T> {
  return request<T>(apiUrl(path, params), {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
