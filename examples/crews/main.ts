// The multi-agent crews: Code Review (LangGraph), SQL Agent (AI SDK tool loop over SQLite)
// and Career Copilot (router, prompt cache, LLM judge, A/B prompts). Runs all three, or the
// one named, and prints what Observatory stored for each. Offline by default;
// OPENAI_API_KEY / ANTHROPIC_API_KEY switch each vendor to the real API.
//   npx tsx --conditions=@observatory/source examples/crews/main.ts [code-review|sql-agent|career-copilot]
import { Observatory } from '@observatory/core';
import { findGraphSessions } from '../shared/find-graph-sessions.js';
import { printRunSummary } from '../shared/print-summary.js';
import { runCareerCopilot } from './career-copilot/run-career-copilot.js';
import { runCodeReviewCrew } from './code-review/run-code-review-crew.js';
import { runSqlAgent } from './sql-agent/run-sql-agent.js';

const seed = Number(process.env.SEED ?? Date.now() % 1000);

const crews: Record<string, { project: string; title: string; run: (obs: Observatory) => Promise<string[]> }> = {
  'code-review': {
    project: 'crew-code-review',
    title: 'Code Review Crew (LangGraph)',
    run: async (obs) => {
      const outcomes = await runCodeReviewCrew(obs, { seed });
      for (const o of outcomes) {
        console.log(
          `PR #${o.pr.number} ${o.error ? `failed: ${o.error}` : o.approved ? 'approved' : 'changes requested'}`,
        );
      }
      return findGraphSessions(
        obs,
        'code_review',
        outcomes.map((o) => o.runId),
      );
    },
  },
  'sql-agent': {
    project: 'crew-sql-agent',
    title: 'SQL Agent (AI SDK tool loop)',
    run: async (obs) => {
      const answers = await runSqlAgent(obs, { seed });
      for (const a of answers) console.log(`${a.question.question}\n  → ${a.error ?? a.answer}`);
      return answers.map((a) => a.sessionId);
    },
  },
  'career-copilot': {
    project: 'crew-career-copilot',
    title: 'Career Copilot (router, cache, judge, A/B prompts)',
    run: async (obs) => {
      const outcomes = await runCareerCopilot(obs, { seed });
      for (const o of outcomes) {
        const requests = o.requests.map((r) =>
          r.cacheHit
            ? `${r.request.agent}: cache hit`
            : `${r.request.agent}: ${r.model} ${r.promptVariant ?? ''} score ${r.judgeScore}`,
        );
        console.log(`${o.customer.userId} (${o.conversation.id}): ${o.error ?? 'ok'}\n  ${requests.join('\n  ')}`);
      }
      return outcomes.map((o) => o.sessionId);
    },
  },
};

const chosen = process.argv[2];
if (chosen && !crews[chosen]) {
  console.error(`Unknown crew "${chosen}". Choose one of: ${Object.keys(crews).join(', ')}`);
  process.exit(1);
}
for (const [name, crew] of Object.entries(crews)) {
  if (chosen && name !== chosen) continue;
  const obs = new Observatory({ projectName: crew.project });
  const sessionIds = await crew.run(obs);
  await printRunSummary(obs, crew.title, sessionIds);
  await obs.close();
  console.log();
}
