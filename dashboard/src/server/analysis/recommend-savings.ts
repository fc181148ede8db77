import type { CatalogModel } from './model-catalog.js';
import { repriceUsage, type UsageTotals } from './reprice-usage.js';

/** Totals of one agent on one model (a cell of the agent × model breakdown). */
export interface UsageCell extends UsageTotals {
  agent: string;
  model: string;
  provider: string;
  totalCost: number;
  judgedCalls: number;
  avgJudgeScore: number | null;
}

/** Judge statistics of a model across the project. */
export interface ModelQuality {
  model: string;
  provider: string;
  judgedCalls: number;
  avgJudgeScore: number | null;
}

export interface Recommendation {
  kind: 'switch_model' | 'prompt_cache';
  title: string;
  detail: string;
  /** Estimated dollars saved per 30 days at the observed traffic. */
  monthlySavings: number;
  /** For switch_model: the scenario that reproduces the estimate. */
  scenario?: { agent: string; model: string; target: string; targetProvider: string };
}

/** Judged calls needed on both sides before a model switch is suggested on quality grounds. */
const MIN_JUDGED = 30;
/** A cheaper model may score at most this much lower (0..10 scale). */
const QUALITY_TOLERANCE = 0.3;
/** Cells below this share of spend are not worth a recommendation. */
const MIN_COST_SHARE = 0.03;
/** Average prompt size from which provider prompt caching usually pays. */
const CACHEABLE_PROMPT_TOKENS = 2000;

/**
 * The judge scores a model switch for `cell` is decided on: the same agent's scores on each
 * model it used, when it has enough judged calls on its current one (an agent's tasks
 * differ from another agent's, so its own scores compare like with like); else each
 * model's scores across the project.
 */
function qualityEvidence(
  cell: UsageCell,
  cells: readonly UsageCell[],
  byModel: ReadonlyMap<string, ModelQuality>,
): { current: ModelQuality; candidates: ModelQuality[]; scope: 'agent' | 'project' } | null {
  if (cell.judgedCalls >= MIN_JUDGED && cell.avgJudgeScore !== null) {
    return {
      current: cell,
      candidates: cells.filter((other) => other.agent === cell.agent),
      scope: 'agent',
    };
  }
  const current = byModel.get(cell.model);
  if (!current || current.judgedCalls < MIN_JUDGED || current.avgJudgeScore === null) return null;
  return { current, candidates: [...byModel.values()], scope: 'project' };
}

/**
 * Savings recommendations computed from the rollups: move an agent to a cheaper model
 * that the judge scores as well (within 0.3 points, with ≥30 judged calls each; the
 * agent's own scores where it has them, see qualityEvidence), and turn
 * on provider prompt caching for agents with long, uncached prompts (estimated at half
 * the input cached). Each comes with its monthly dollar estimate; best first.
 */
export function recommendSavings(
  cells: readonly UsageCell[],
  quality: readonly ModelQuality[],
  catalog: readonly CatalogModel[],
  rangeDays: number,
): Recommendation[] {
  const monthly = (dollars: number) => (rangeDays > 0 ? (dollars * 30) / rangeDays : 0);
  const totalCost = cells.reduce((sum, c) => sum + c.totalCost, 0);
  const recommendations: Recommendation[] = [];
  const byModel = new Map(quality.map((q) => [q.model, q]));

  for (const cell of cells) {
    if (totalCost <= 0 || cell.totalCost / totalCost < MIN_COST_SHARE || cell.totalCalls === 0) continue;
    const currentCost = repriceUsage(cell, cell.provider, cell.model);
    const evidence = qualityEvidence(cell, cells, byModel);
    if (evidence && currentCost !== null) {
      const { current, candidates, scope } = evidence;
      let best: { q: ModelQuality; cost: number } | null = null;
      for (const candidate of candidates) {
        if (candidate.model === cell.model || candidate.judgedCalls < MIN_JUDGED || candidate.avgJudgeScore === null)
          continue;
        if (candidate.avgJudgeScore < (current.avgJudgeScore ?? 0) - QUALITY_TOLERANCE) continue;
        const cost = repriceUsage(cell, candidate.provider, candidate.model);
        if (cost !== null && cost < currentCost && (!best || cost < best.cost)) best = { q: candidate, cost };
      }
      if (best) {
        const saved = monthly(currentCost - best.cost);
        const judged =
          scope === 'agent'
            ? `On ${cell.agent || 'this agent'}'s own judged calls, ${best.q.model} scores`
            : `Across the project, ${best.q.model} scores`;
        recommendations.push({
          kind: 'switch_model',
          title: `Run ${cell.agent || 'unnamed agent'} on ${best.q.model} instead of ${cell.model}`,
          detail: `${judged} ${best.q.avgJudgeScore?.toFixed(2)} (n=${best.q.judgedCalls}) vs ${current.avgJudgeScore?.toFixed(2)} (n=${current.judgedCalls}); the same traffic would cost ${((best.cost / currentCost) * 100).toFixed(0)}% as much.`,
          monthlySavings: saved,
          scenario: { agent: cell.agent, model: cell.model, target: best.q.model, targetProvider: best.q.provider },
        });
      }
    }

    const avgPrompt = cell.promptTokens / cell.totalCalls;
    const cachedShare = cell.promptTokens > 0 ? cell.cachedPromptTokens / cell.promptTokens : 0;
    const unit = catalog.find((m) => m.model === cell.model && m.provider === cell.provider);
    if (
      avgPrompt >= CACHEABLE_PROMPT_TOKENS &&
      cachedShare < 0.1 &&
      unit &&
      unit.cachedInputPerMTok < unit.inputPerMTok
    ) {
      const withCache = repriceUsage(
        { ...cell, cachedPromptTokens: Math.max(cell.cachedPromptTokens, cell.promptTokens * 0.5) },
        cell.provider,
        cell.model,
      );
      if (withCache !== null && currentCost !== null && withCache < currentCost) {
        recommendations.push({
          kind: 'prompt_cache',
          title: `Enable prompt caching for ${cell.agent || 'unnamed agent'} on ${cell.model}`,
          detail: `Prompts average ${Math.round(avgPrompt).toLocaleString('en-US')} tokens, ${(cachedShare * 100).toFixed(0)}% read from cache. Caching half of each prompt (stable instructions and context first) bills it at $${unit.cachedInputPerMTok.toFixed(2)} instead of $${unit.inputPerMTok.toFixed(2)} per M tokens.`,
          monthlySavings: monthly(currentCost - withCache),
        });
      }
    }
  }
  return recommendations.sort((a, b) => b.monthlySavings - a.monthlySavings);
}
