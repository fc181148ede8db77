// The quick start: record a multi-step agent session into ./observatory.db (SQLite, no
// setup) and print what the store now says about it.
import { Observatory } from '@observatory/core';

const obs = new Observatory({ projectName: 'quickstart' });

await obs.withSession('code_review', async () => {
  const steps = [
    { agentName: 'Analyzer', modelName: 'gpt-4o-mini', promptTokens: 2400, completionTokens: 380, latencyMs: 910 },
    {
      agentName: 'Reviewer',
      modelName: 'gpt-4o',
      promptTokens: 5200,
      cachedPromptTokens: 2048,
      completionTokens: 640,
      latencyMs: 2350,
    },
    {
      agentName: 'Fixer',
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
      promptTokens: 6100,
      cachedPromptTokens: 4000,
      cacheWriteTokens: 1200,
      completionTokens: 900,
      latencyMs: 3120,
    },
  ];
  for (const step of steps) obs.recordCall({ provider: 'openai', operationName: 'review_pr', ...step });
});
await obs.flush();

const overview = await obs.storage.getOverview({ projectName: 'quickstart' });
const [session] = await obs.storage.getSessions({ projectName: 'quickstart', limit: 1 });
const byAgent = await obs.storage.getBreakdown('agent', { projectName: 'quickstart' });
console.log(
  `Recorded session ${session.id} (${session.operationType}, success=${session.success}) into ${obs.database}`,
);
console.log(`  ${session.totalLlmCalls} calls, ${session.totalTokens} tokens, $${session.totalCost.toFixed(4)}`);
for (const row of byAgent) {
  console.log(`  ${row.key.padEnd(9)} ${String(row.totalCalls).padStart(4)} calls  $${row.totalCost.toFixed(4)}`);
}
console.log(
  `All sessions in project "quickstart": ${overview.totalSessions}, ${overview.totalCalls} calls, $${overview.totalCost.toFixed(4)}`,
);
await obs.close();
