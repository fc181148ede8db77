import { createTestObservatory, makeCall, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../create-app.js';

/** Parse Prometheus text format into `name{labels}` → value, checking every line's shape. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = (match[2] ?? '')
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean)
      .sort()
      .join(',');
    samples.set(`${match[1]}{${labels}}`, Number(match[3]));
  }
  return samples;
}

describe.each(testDatabases())('GET /metrics on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('exposes calls, errors, tokens by kind, cost and a latency histogram per project, model and agent', async () => {
    t = await createTestObservatory({ database, projectName: 'shop' });
    const { obs } = t;
    obs.recordCall(
      makeCall({
        agentName: 'Triage',
        promptTokens: 1000,
        cachedPromptTokens: 200,
        completionTokens: 100,
        latencyMs: 80,
      }),
    );
    obs.recordCall(
      makeCall({ agentName: 'Triage', promptTokens: 500, completionTokens: 50, latencyMs: 1800, error: 'timeout' }),
    );
    obs.recordCall(
      makeCall({
        agentName: null,
        provider: 'anthropic',
        modelName: 'claude-sonnet-4-5',
        promptTokens: 5000,
        cachedPromptTokens: 3000,
        cacheWriteTokens: 1000,
        completionTokens: 400,
        reasoningTokens: 150,
        latencyMs: 3000,
      }),
    );
    await obs.flush();
    const res = await createApp(obs, { cacheRevalidateMs: 0 }).request('/metrics', { headers: { host: 'localhost' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE observatory_llm_calls_total counter');
    expect(text).toContain('# TYPE observatory_llm_latency_seconds histogram');
    const samples = parseExposition(text);
    /** The value of `name` with these label parts (order does not matter). */
    const m = {
      get: (key: string) => {
        const [, name, labels] = /^([^{]+)\{(.*)\}$/.exec(key) ?? [];
        return samples.get(`${name}{${labels.split(',').filter(Boolean).sort().join(',')}}`);
      },
    };
    const triage = 'agent="Triage",model="gpt-4o",project="shop",provider="openai"';
    const sonnet = 'agent="",model="claude-sonnet-4-5",project="shop",provider="anthropic"';
    expect(m.get(`observatory_llm_calls_total{${triage}}`)).toBe(2);
    expect(m.get(`observatory_llm_errors_total{${triage}}`)).toBe(1);
    expect(m.get(`observatory_llm_tokens_total{${triage},kind="input"}`)).toBe(1500);
    expect(m.get(`observatory_llm_tokens_total{${triage},kind="cache_read"}`)).toBe(200);
    expect(m.get(`observatory_llm_tokens_total{${sonnet},kind="cache_write"}`)).toBe(1000);
    expect(m.get(`observatory_llm_tokens_total{${sonnet},kind="reasoning"}`)).toBe(150);
    expect(m.get(`observatory_llm_cost_usd_total{${sonnet}}`)).toBeCloseTo(
      (1000 * 3 + 3000 * 0.3 + 1000 * 3.75 + 400 * 15) / 1e6,
      12,
    );
    expect(m.get(`observatory_llm_latency_seconds_count{${triage}}`)).toBe(2);
    expect(m.get(`observatory_llm_latency_seconds_sum{${triage}}`)).toBeCloseTo(1.88, 9);
    expect(m.get(`observatory_llm_latency_seconds_bucket{${triage},le="0.1"}`)).toBe(1);
    expect(m.get(`observatory_llm_latency_seconds_bucket{${triage},le="2"}`)).toBe(2);
    expect(m.get(`observatory_llm_latency_seconds_bucket{${triage},le="+Inf"}`)).toBe(2);
  });
});
