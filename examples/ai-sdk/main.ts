// Vercel AI SDK onFinish on generateText and streamText: writes a few newsletter issues
// and prints what Observatory stored. Offline by default; set OPENAI_API_KEY to call
// OpenAI for real.
//   npx tsx --conditions=@observatory/source examples/ai-sdk/main.ts
import { Observatory } from '@observatory/core';
import { printRunSummary } from '../shared/print-summary.js';
import { runAiSdkExample } from './run-ai-sdk-example.js';

const obs = new Observatory({ projectName: 'example-ai-sdk' });
const outcomes = await runAiSdkExample(obs, { seed: Number(process.env.SEED ?? Date.now() % 1000) });
for (const outcome of outcomes) {
  console.log(`${outcome.topic}: ${outcome.error ? `failed: ${outcome.error}` : outcome.headline}`);
}
await printRunSummary(
  obs,
  'AI SDK',
  outcomes.map((outcome) => outcome.sessionId),
);
await obs.close();
