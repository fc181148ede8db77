// Recording by hand: the four integration patterns (direct recordCall, a session workflow
// with success and failure, a node wrapper, multi-agent) and what Observatory stored.
// Offline by default; OPENAI_API_KEY / ANTHROPIC_API_KEY switch each vendor to the real API.
//   npx tsx --conditions=@observatory/source examples/manual-sessions/main.ts
import { Observatory } from '@observatory/core';
import { printRunSummary } from '../shared/print-summary.js';
import { runManualSessions } from './run-manual-sessions.js';

const obs = new Observatory({ projectName: 'example-manual-sessions' });
const result = await runManualSessions(obs, { seed: Number(process.env.SEED ?? Date.now() % 1000) });
for (const contract of result.contracts) {
  console.log(`${contract.documentId}: ${contract.error ? `failed: ${contract.error}` : 'reviewed'}`);
}
// The direct calls joined the implicit session: it shows as open until close() ends it.
await printRunSummary(obs, 'Manual sessions', result.sessionIds);
await obs.close();
