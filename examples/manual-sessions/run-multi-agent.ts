import type { Observatory } from '@observatory/core';
import { AgentRole } from '@observatory/core';
import type { LlmClient } from './llm-client.js';
import { recordStep } from './record-step.js';
import { PLANNER_SYSTEM, RESEARCHER_SYSTEM, WRITER_SYSTEM } from './scenario.js';

const RESEARCHERS: Record<string, string> = {
  'market size': 'MarketResearcher',
  competitors: 'CompetitorResearcher',
  pricing: 'PricingResearcher',
};

/**
 * Pattern 4 — multi-agent: a planner splits the brief, three researchers work in parallel,
 * a writer combines their notes. Every call is in one session; each agent records under its
 * own name and role, and the researchers' and writer's calls point to the planner's call
 * as their parent, so the run reads as a tree.
 */
export async function researchCompany(
  obs: Observatory,
  llm: LlmClient,
  company: string,
): Promise<{ sessionId: string; briefing: string }> {
  return obs.withSession(
    'market_research',
    async (session) => {
      const plan = await recordStep(
        obs,
        llm,
        { model: 'gpt-4o', system: PLANNER_SYSTEM, prompt: `Company: ${company}\nBrief: investor memo, 1 page.` },
        {
          sessionId: session.id,
          agentName: 'Planner',
          operationName: 'plan_research',
          metadata: { agentRole: AgentRole.Planner },
        },
      );
      const tasks = plan.result.text.split('\n').filter((line) => line.startsWith('task:'));
      const notes = await Promise.all(
        tasks.map((task) => {
          const area = /task: ([a-z ]+):/.exec(task)?.[1] ?? 'market size';
          return recordStep(
            obs,
            llm,
            { model: 'gpt-4o-mini', system: RESEARCHER_SYSTEM, prompt: task },
            {
              sessionId: session.id,
              agentName: RESEARCHERS[area] ?? 'Researcher',
              operationName: 'research',
              parentId: plan.call?.id,
              metadata: { agentRole: AgentRole.Researcher, area },
            },
          );
        }),
      );
      const briefing = await recordStep(
        obs,
        llm,
        {
          model: 'claude-sonnet-4-6',
          system: WRITER_SYSTEM,
          prompt: `Company: ${company}\n\n${notes.map((note) => note.result.text).join('\n\n')}`,
        },
        {
          sessionId: session.id,
          agentName: 'Writer',
          operationName: 'write_briefing',
          parentId: plan.call?.id,
          metadata: { agentRole: AgentRole.Writer },
        },
      );
      return { sessionId: session.id, briefing: briefing.result.text };
    },
    { company },
  );
}
