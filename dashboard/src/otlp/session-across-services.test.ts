import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LLMCall } from '@observatory/core';
import { createTestObservatory, type TestObservatory, testDatabases } from '@observatory/core/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test-support/otlp-test-kit.js';

/*
 * One run across two real processes. Service A records a call through Observatory (sent to
 * the dashboard's POST /api/calls) and calls service B over HTTP with sessionTraceHeaders;
 * service B, traced with OpenTelemetry only, extracts the context with the real W3C
 * propagators and exports a GenAI span to POST /v1/traces. Both calls must land in A's
 * session, B's with A's call as its parent.
 */

const CHECKOUT_SERVICE = fileURLToPath(new URL('./__fixtures__/observatory-checkout-service.ts', import.meta.url));
const ANSWER_SERVICE = fileURLToPath(new URL('./__fixtures__/otel-answer-service.ts', import.meta.url));

/** What service A prints: its session and call, the headers it sent, and B's answer. */
interface CheckoutRun {
  sessionId: string;
  callId: string;
  sent: { traceparent: string; baggage: string };
  answer: {
    traceId: string;
    spanId: string;
    parentSpanId: string | null;
    baggage: Record<string, string>;
    pickedUp: { sessionId: string; parentCallId?: string } | null;
  };
}

function startTsProcess(script: string, args: string[]): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, ['--conditions=@observatory/source', '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  proc.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { proc, output: () => output };
}

/** Service B on a loopback port, exporting to the dashboard at `dashboardUrl`. */
async function startAnswerService(dashboardUrl: string, project: string) {
  const { proc, output } = startTsProcess(ANSWER_SERVICE, [dashboardUrl, project]);
  const port = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', () => {
      const match = /listening (\d+)/.exec(output());
      if (match) resolve(match[1]);
    });
    proc.once('exit', (code) => reject(new Error(`answer service exited (${code}):\n${output()}`)));
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Run service A to its end; its printed result, or a failure showing everything it wrote. */
async function runCheckoutService(args: string[]): Promise<CheckoutRun> {
  const { proc, output } = startTsProcess(CHECKOUT_SERVICE, args);
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const lastLine = output().trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !lastLine.startsWith('{')) throw new Error(`checkout service exited (${code}):\n${output()}`);
  return JSON.parse(lastLine);
}

describe.each(testDatabases())(
  'one session across two services (Observatory → HTTP → OpenTelemetry) on %s',
  (database) => {
    let t: TestObservatory;
    let dashboard: TestServer;
    let answerService: Awaited<ReturnType<typeof startAnswerService>>;
    const project = `across-${randomBytes(3).toString('hex')}`;

    beforeAll(async () => {
      t = await createTestObservatory({ database, strict: false });
      dashboard = await startServer(t.obs);
      answerService = await startAnswerService(dashboard.url, project);
    });
    afterAll(async () => {
      await answerService?.stop();
      await dashboard?.close();
      await t?.cleanup();
    });

    /** The session's calls, A's (recorded) and B's (from the span), failing with what was stored instead. */
    async function callsOfSession(run: CheckoutRun): Promise<{ recorded: LLMCall; fromSpan: LLMCall }> {
      const stored = await t.obs.storage.getLlmCalls({ projectName: project, limit: 100 });
      const inSession = stored.filter((call) => call.sessionId === run.sessionId);
      const recorded = inSession.find((call) => call.id === run.callId);
      const fromSpan = inSession.find((call) => call.provider === 'anthropic');
      if (inSession.length !== 2 || !recorded || !fromSpan) {
        const seen = stored.map(({ id, sessionId, provider, parentId }) => ({ id, sessionId, provider, parentId }));
        throw new Error(
          `expected A's and B's call in session ${run.sessionId}; stored: ${JSON.stringify(seen, null, 1)}`,
        );
      }
      return { recorded, fromSpan };
    }

    /** What holds whichever way the session id was made. */
    async function expectOneSessionOneParent(run: CheckoutRun) {
      // B's propagators read what A sent: same trace, A's parent span, the baggage decoded.
      const [, sentTraceId, sentSpanId] = run.sent.traceparent.split('-');
      expect(run.answer).toMatchObject({
        traceId: sentTraceId,
        parentSpanId: sentSpanId,
        baggage: { 'observatory.session_id': run.sessionId, 'observatory.parent_call_id': run.callId },
        pickedUp: { sessionId: run.sessionId, parentCallId: run.callId },
      });

      const { recorded, fromSpan } = await callsOfSession(run);
      expect(recorded).toMatchObject({ provider: 'openai', modelName: 'gpt-4o', agentName: 'Planner', parentId: null });
      expect(fromSpan).toMatchObject({
        modelName: 'claude-sonnet-4-5',
        promptTokens: 1200,
        completionTokens: 300,
        parentId: run.callId,
        metadata: { otel: { traceId: sentTraceId, spanId: run.answer.spanId, parentSpanId: sentSpanId } },
      });
      const session = await t.obs.storage.getSession(run.sessionId);
      expect(session).toMatchObject({ projectName: project, totalLlmCalls: 2, totalTokens: 900 + 120 + 1200 + 300 });
      expect(session?.totalCost).toBeCloseTo(recorded.totalCost + fromSpan.totalCost, 12);
      return { sentTraceId };
    }

    it('files B’s span under the UUID session withSession started in A, its trace id being that UUID', async () => {
      const run = await runCheckoutService([dashboard.url, answerService.url, project, 'with-session']);
      const { sentTraceId } = await expectOneSessionOneParent(run);
      expect(sentTraceId).toBe(run.sessionId.replaceAll('-', ''));
      expect(await t.obs.storage.getSession(run.sessionId)).toMatchObject({ success: true });
    });

    it('files B’s span under a session id of the user’s own making, carried in baggage', async () => {
      const sessionId = `order #${randomBytes(2).toString('hex')} / Zürich, "express"`;
      const run = await runCheckoutService([dashboard.url, answerService.url, project, sessionId]);
      expect(run.sessionId).toBe(sessionId);
      await expectOneSessionOneParent(run);
    });
  },
);
