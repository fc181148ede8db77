import type { CacheHitBasis } from '../../shared/api-types.js';

/** One agent × model's calls in range (a cross-breakdown cell). */
export interface CacheHitCell {
  agent: string;
  model: string;
  totalCalls: number;
  cacheHits: number;
  totalCost: number;
}

/**
 * What recorded response-cache hits saved: each hit is worth the call it replaced, the
 * average miss of its agent and model, falling back to the agent's, the model's, then every
 * call's average when that pair has no miss in range. A hit itself costs nothing.
 */
export function priceCacheHits(cells: CacheHitCell[]): { dollars: number; pricedBy: CacheHitBasis } {
  const misses = (group: CacheHitCell[]) => {
    const calls = group.reduce((sum, cell) => sum + cell.totalCalls - cell.cacheHits, 0);
    const cost = group.reduce((sum, cell) => sum + cell.totalCost, 0);
    return calls > 0 ? cost / calls : null;
  };
  const averageBy = (key: (cell: CacheHitCell) => string) => {
    const groups = new Map<string, CacheHitCell[]>();
    for (const cell of cells) groups.set(key(cell), [...(groups.get(key(cell)) ?? []), cell]);
    return new Map([...groups].map(([name, group]) => [name, misses(group)]));
  };
  const byAgent = averageBy((cell) => cell.agent);
  const byModel = averageBy((cell) => cell.model);
  const overall = misses(cells);
  const pricedBy: CacheHitBasis = { agentModel: 0, agent: 0, model: 0, all: 0, unpriced: 0 };
  let dollars = 0;
  for (const cell of cells) {
    if (cell.cacheHits === 0) continue;
    const choices: Array<[keyof CacheHitBasis, number | null | undefined]> = [
      ['agentModel', misses([cell])],
      ['agent', byAgent.get(cell.agent)],
      ['model', byModel.get(cell.model)],
      ['all', overall],
    ];
    const [basis, price] = choices.find(([, value]) => value != null) ?? ['unpriced', 0];
    pricedBy[basis] += cell.cacheHits;
    dollars += cell.cacheHits * (price ?? 0);
  }
  return { dollars, pricedBy };
}
