import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Observatory } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterEach, describe, expect, it } from 'vitest';
import { importRecords } from '../import/import-records.js';
import type { ImportProblem } from '../import/raw-record.js';
import { readNdjsonRecords } from '../import/read-ndjson-records.js';
import { createApp } from './create-app.js';

/**
 * One bad value per case, as a call field and as the OTLP attribute that carries it. Every
 * way a call comes in must refuse it with the same field and message, and keep the good
 * calls around it.
 */
const BAD_VALUES = [
  { field: 'promptTokens', value: 3_000_000_000, attribute: 'gen_ai.usage.input_tokens' },
  { field: 'modelName', value: 'gpt-4o\u0000mini', attribute: 'gen_ai.request.model' },
  { field: 'agentName', value: 'A'.repeat(300), attribute: 'gen_ai.agent.name' },
] as const;

const OPENAI_KEY = `sk-proj-${'x1Y2z3'.repeat(6)}`;
const START = Date.UTC(2026, 0, 10, 12, 0, 0);

/** A valid call in the stored form, with a secret in its prompt. */
function storedCall(project: string, overrides: Record<string, unknown> = {}) {
  const timestamp = new Date(START).toISOString();
  return {
    id: `call-${randomBytes(6).toString('hex')}`,
    sessionId: `session-${project}`,
    projectName: project,
    timestamp,
    provider: 'openai',
    modelName: 'gpt-4o-mini',
    promptTokens: 100,
    completionTokens: 20,
    totalTokens: 120,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    latencyMs: 800,
    ttftMs: null,
    totalCost: 0.000027,
    costSource: 'price_table',
    usageSource: 'reported',
    agentName: 'Writer',
    operationName: null,
    prompt: `My key is ${OPENAI_KEY}`,
    responseText: 'ok',
    routingDecision: null,
    cacheMetadata: null,
    qualityEvaluation: null,
    error: null,
    finishReason: 'stop',
    parentId: null,
    metadata: null,
    createdAt: timestamp,
    ...overrides,
  };
}

/** An OTLP/JSON span of a chat call; `attributes` override the good ones. */
function otlpSpan(attributes: Record<string, string | number>) {
  const values = {
    'gen_ai.provider.name': 'openai',
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.usage.input_tokens': 100,
    'gen_ai.usage.output_tokens': 20,
    'gen_ai.agent.name': 'Writer',
    'gen_ai.input.messages': `My key is ${OPENAI_KEY}`,
    ...attributes,
  };
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    name: 'chat gpt-4o-mini',
    startTimeUnixNano: String(BigInt(START) * 1_000_000n),
    endTimeUnixNano: String(BigInt(START + 800) * 1_000_000n),
    attributes: Object.entries(values).map(([key, value]) => ({
      key,
      value: typeof value === 'number' ? { intValue: value } : { stringValue: value },
    })),
  };
}

/** The refusal of each way in, as field → message. */
interface Refusal {
  field: string;
  value: unknown;
  message: string;
}

async function throughRecordCall(t: TestObservatory, project: string, bad: Record<string, unknown>) {
  const failures: unknown[] = [];
  const obs: Observatory = t.obs;
  const record = (overrides: Record<string, unknown>) => {
    const { id: _id, sessionId: _s, costSource: _c, totalCost: _t, createdAt: _a, ...input } = storedCall(project);
    try {
      obs.recordCall({ ...input, timestamp: START, ...overrides } as Parameters<Observatory['recordCall']>[0]);
    } catch (error) {
      failures.push(error);
    }
  };
  record({});
  record(bad);
  record({});
  const [error] = failures as Array<{ issues: Refusal[] }>;
  return error.issues.map(({ field, value, message }) => ({ field, value, message }));
}

async function throughHttpIngest(app: ReturnType<typeof createApp>, project: string, bad: Record<string, unknown>) {
  const items = [storedCall(project), storedCall(project, bad), storedCall(project)].map((call) => ({
    kind: 'call',
    call,
  }));
  const res = await app.request('/api/calls', {
    method: 'POST',
    headers: { 'content-type': 'application/json', host: 'localhost' },
    body: JSON.stringify({ items }),
  });
  const body = (await res.json()) as {
    accepted: number;
    rejected: Array<{ index: number; error: string; parameter: string; value: unknown }>;
  };
  expect([res.status, body.accepted, body.rejected.map((r) => r.index)]).toEqual([200, 2, [1]]);
  // The API names the item's field (`items[1].call.promptTokens`) and says why after it.
  return body.rejected.map(({ error, parameter, value }) => ({
    field: parameter.replace(/^items\[\d+\]\.call\./, ''),
    value,
    message: error.slice(parameter.length + 2),
  }));
}

async function throughOtlp(app: ReturnType<typeof createApp>, project: string, attribute: string, value: unknown) {
  const request = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'observatory.project', value: { stringValue: project } }] },
        scopeSpans: [
          {
            spans: [otlpSpan({}), otlpSpan({ [attribute]: value as string | number }), otlpSpan({})],
          },
        ],
      },
    ],
  };
  const res = await app.request('/v1/traces', {
    method: 'POST',
    headers: { 'content-type': 'application/json', host: 'localhost' },
    body: JSON.stringify(request),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { partialSuccess?: { rejectedSpans: string; errorMessage: string } };
  // int64 fields are strings in OTLP/JSON.
  expect(Number(body.partialSuccess?.rejectedSpans)).toBe(1);
  return body.partialSuccess?.errorMessage ?? '';
}

async function throughImport(t: TestObservatory, project: string, bad: Record<string, unknown>) {
  const lines = [storedCall(project), storedCall(project, bad), storedCall(project)].map((c) => JSON.stringify(c));
  const problems: ImportProblem[] = [];
  const summary = await importRecords(t.obs.storage, readNdjsonRecords(Readable.from([`${lines.join('\n')}\n`])), {
    onProblem: (problem) => problems.push(problem),
  });
  expect([summary.calls, summary.badRecords]).toEqual([2, 1]);
  return problems.map(({ field, value, message }) => ({ field, value, message }));
}

describe.each(testDatabases())('every way a call comes in, on %s', (database) => {
  let t: TestObservatory;
  afterEach(async () => {
    await t?.cleanup();
  });

  it.each(BAD_VALUES)('refuses $field the same way everywhere and keeps the good calls', async (bad) => {
    t = await createTestObservatory({ database, strict: true });
    const app = createApp(t.obs, { onError: () => {} });
    const override = { [bad.field]: bad.value };
    const suffix = randomBytes(3).toString('hex');

    const fromRecordCall = await throughRecordCall(t, `record-${suffix}`, override);
    const fromIngest = await throughHttpIngest(app, `ingest-${suffix}`, override);
    const fromImport = await throughImport(t, `import-${suffix}`, override);
    const fromOtlp = await throughOtlp(app, `otlp-${suffix}`, bad.attribute, bad.value);

    expect(fromRecordCall).toHaveLength(1);
    expect(fromRecordCall[0]).toMatchObject({ field: bad.field, value: bad.value });
    expect(fromIngest).toEqual(fromRecordCall);
    expect(fromImport).toEqual(fromRecordCall);
    const { field, value, message } = fromRecordCall[0];
    expect(fromOtlp).toContain(`${field} = ${JSON.stringify(value)}: ${message}`);

    // The good calls of every way were stored, each prepared the same way: the secret redacted.
    await t.obs.flush();
    for (const way of ['record', 'ingest', 'import', 'otlp']) {
      const stored = await t.obs.storage.getLlmCalls({ projectName: `${way}-${suffix}` });
      expect(stored.map((c) => c.prompt)).toEqual(Array(2).fill('My key is [REDACTED:openai_key]'));
    }
  });
});
