import type { LLMCall, Observatory } from '@observatory/core';
import { describeProviders } from './choose-model.js';
import { formatDollars, formatTokens } from './format.js';
import { readStoredRun, type StoredRun } from './read-stored-run.js';

/**
 * Print what a run stored, as read back from the store: each session with its outcome and
 * totals, then calls, tokens and cost per agent.
 */
export async function printRunSummary(
  obs: Observatory,
  title: string,
  sessionIds: readonly string[],
  offline?: boolean,
): Promise<StoredRun> {
  const run = await readStoredRun(obs, sessionIds);
  console.log(`${title} — project "${obs.projectName}" in ${obs.database}, ${describeProviders(offline)}`);
  console.log(`Sessions (${run.sessions.length}):`);
  for (const s of run.sessions) {
    const outcome = s.success === null ? 'open' : s.success ? 'ok' : `FAILED: ${s.error ?? ''}`;
    console.log(
      `  ${s.operationType.padEnd(22)} ${String(s.totalLlmCalls).padStart(3)} calls ${formatTokens(s.totalTokens).padStart(7)} tokens ${formatDollars(s.totalCost).padStart(10)}  ${outcome}`,
    );
  }
  console.log('Per agent:');
  for (const [agent, totals] of totalsByAgent(run.calls)) {
    console.log(
      `  ${agent.padEnd(22)} ${String(totals.calls).padStart(3)} calls ${formatTokens(totals.prompt).padStart(7)} in (${formatTokens(totals.cached)} cached) ${formatTokens(totals.completion).padStart(6)} out ${formatDollars(totals.cost).padStart(10)}${totals.errors ? `  ${totals.errors} failed` : ''}`,
    );
  }
  const cost = run.calls.reduce((sum, call) => sum + call.totalCost, 0);
  console.log(`Total: ${run.calls.length} calls, ${formatDollars(cost)}`);
  return run;
}

interface AgentTotals {
  calls: number;
  prompt: number;
  cached: number;
  completion: number;
  cost: number;
  errors: number;
}

function totalsByAgent(calls: readonly LLMCall[]): Map<string, AgentTotals> {
  const byAgent = new Map<string, AgentTotals>();
  for (const call of calls) {
    const key = call.agentName ?? '(no agent)';
    const totals = byAgent.get(key) ?? { calls: 0, prompt: 0, cached: 0, completion: 0, cost: 0, errors: 0 };
    totals.calls += 1;
    totals.prompt += call.promptTokens;
    totals.cached += call.cachedPromptTokens;
    totals.completion += call.completionTokens;
    totals.cost += call.totalCost;
    if (call.error) totals.errors += 1;
    byAgent.set(key, totals);
  }
  return byAgent;
}
