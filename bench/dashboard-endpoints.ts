// The requests the dashboard's pages make, shared by the dashboard benchmarks.

/** What the pages request, with the parameters they send (30-day range, all projects and one project). */
export const DASHBOARD_ENDPOINTS = [
  '/api/health',
  '/api/meta',
  '/api/projects',
  '/api/filters',
  '/api/alerts',
  '/api/overview?range=30d&compare=true',
  '/api/overview?range=7d&compare=true&project=crew-career-copilot',
  '/api/timeseries?range=30d',
  '/api/timeseries?range=30d&groupBy=model',
  '/api/timeseries?range=30d&interval=hour',
  '/api/timeseries?range=24h&project=crew-code-review',
  '/api/breakdown?range=30d&by=model',
  '/api/breakdown?range=30d&by=agent',
  '/api/matrix?range=30d&rows=agent&columns=model',
  '/api/sessions?limit=8',
  '/api/calls?limit=10',
  '/api/sessions?range=30d&limit=50',
  '/api/calls?range=30d&limit=50',
  '/api/calls/:id',
  '/api/live?window=5m',
  '/api/live?window=15m',
  '/api/live?window=1h',
  '/api/live?window=24h',
  '/api/cost?range=30d&horizon=30',
  '/api/cost/scenario?range=30d&agent=Reviewer&model=gpt-4o&target=claude-haiku-4-5',
  '/api/models/catalog',
  '/api/router?range=30d',
  '/api/router?range=30d&columns=operation',
  '/api/cache?range=30d',
  '/api/judge?range=30d',
  '/api/judge/compare?range=30d&by=model&a=gpt-4o&b=claude-sonnet-4-5',
  '/api/prompts?range=30d',
  'POST /api/prompts/estimate?range=30d',
  '/api/settings',
];

/** The body the Prompt Optimizer's editor sends to POST /api/prompts/estimate. */
const ESTIMATE_BODY = JSON.stringify({
  promptId: 'support-reply',
  variant: 'concise',
  original: 'You are a support agent for Acme Cloud. Answer in at most three sentences.',
  text: 'You are a support agent for Acme Cloud. Answer in at most three sentences, and cite the help article.',
});

/**
 * Request one endpoint of DASHBOARD_ENDPOINTS from the server at `baseUrl` (`:id` becomes
 * `callId`); resolves to the milliseconds until the whole body arrived, and throws unless 2xx.
 */
export async function requestEndpoint(baseUrl: string, endpoint: string, callId = 'none'): Promise<number> {
  const [method, path] = endpoint.startsWith('POST ') ? ['POST', endpoint.slice(5)] : ['GET', endpoint];
  const started = performance.now();
  const response = await fetch(
    `${baseUrl}${path.replace(':id', callId)}`,
    method === 'POST' ? { method, body: ESTIMATE_BODY, headers: { 'content-type': 'application/json' } } : {},
  );
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${endpoint} → ${response.status}`);
  return elapsed;
}
