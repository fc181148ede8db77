// Service A of session-across-services.test.ts: an app recording through Observatory
// (sent to the dashboard's POST /api/calls). It records one call in a session, then asks
// service B for an answer over real HTTP, handing on the session and that call as W3C
// Trace Context headers. Prints one JSON line: the session, the call, the headers sent
// and B's answer.
//   session = 'with-session': a session withSession starts (a UUID id)
//   session = anything else: that id, used as is (a name from the user's own system)
import {
  activeSessionTraceHeaders,
  Observatory,
  type SessionTraceHeaders,
  sessionTraceHeaders,
} from '@observatory/core';

const [dashboardUrl, answerServiceUrl, project, session] = process.argv.slice(2);
const obs = new Observatory({
  projectName: project,
  ingestUrl: dashboardUrl,
  spoolDir: false,
  flushOnExit: false,
  onError: (error) => process.stderr.write(`${String(error)}\n`),
});

async function askAnswerService(headers: SessionTraceHeaders | null): Promise<unknown> {
  const response = await fetch(`${answerServiceUrl}/answer`, { method: 'POST', headers: { ...headers } });
  if (!response.ok) throw new Error(`answer service: HTTP ${response.status}`);
  return response.json();
}

function recordPlanningCall(sessionId?: string) {
  return obs.recordCall({
    sessionId,
    provider: 'openai',
    modelName: 'gpt-4o',
    promptTokens: 900,
    completionTokens: 120,
    latencyMs: 640,
    agentName: 'Planner',
  });
}

let result: unknown;
if (session === 'with-session') {
  result = await obs.withSession('checkout', async (s) => {
    const call = recordPlanningCall();
    const headers = activeSessionTraceHeaders(obs, { parentCallId: call?.id });
    return { sessionId: s.id, callId: call?.id, sent: headers, answer: await askAnswerService(headers) };
  });
} else {
  const call = recordPlanningCall(session);
  const headers = sessionTraceHeaders({ sessionId: session, parentCallId: call?.id });
  result = { sessionId: session, callId: call?.id, sent: headers, answer: await askAnswerService(headers) };
}
await obs.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
