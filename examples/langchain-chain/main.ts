// LangChain callback handler on a chain: answers a few support tickets and prints what
// Observatory stored. Offline by default; set OPENAI_API_KEY to call OpenAI for real.
//   npx tsx --conditions=@observatory/source examples/langchain-chain/main.ts
import { Observatory } from '@observatory/core';
import { printRunSummary } from '../shared/print-summary.js';
import { runLangChainChain } from './run-langchain-chain.js';

const obs = new Observatory({ projectName: 'example-langchain-chain' });
const outcomes = await runLangChainChain(obs, { seed: Number(process.env.SEED ?? Date.now() % 1000) });
for (const outcome of outcomes) {
  const result = outcome.error ? `failed: ${outcome.error}` : `${outcome.category}/${outcome.urgency}`;
  console.log(`${outcome.ticket.id} ${result}`);
}
await printRunSummary(
  obs,
  'LangChain chain',
  outcomes.map((outcome) => outcome.sessionId),
);
await obs.close();
