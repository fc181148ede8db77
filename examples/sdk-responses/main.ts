// OpenAI and Anthropic SDK responses, streams and errors, recorded with the adapters:
// writes up a few releases and prints what Observatory stored. Offline by default (the real
// SDK clients with a simulated fetch); OPENAI_API_KEY / ANTHROPIC_API_KEY use the real APIs.
//   npx tsx --conditions=@observatory/source examples/sdk-responses/main.ts
import { Observatory } from '@observatory/core';
import { printRunSummary } from '../shared/print-summary.js';
import { runSdkResponses } from './run-sdk-responses.js';

const obs = new Observatory({ projectName: 'example-sdk-responses' });
const outcomes = await runSdkResponses(obs, { seed: Number(process.env.SEED ?? Date.now() % 1000) });
for (const outcome of outcomes) {
  console.log(`${outcome.version}: ${outcome.error ? `failed: ${outcome.error}` : 'written up'}`);
}
await printRunSummary(
  obs,
  'SDK responses',
  outcomes.map((outcome) => outcome.sessionId),
);
await obs.close();
