import type { SessionStep } from '@observatory/core';
import type { SessionTimeline } from '../../shared/api-types.js';

/** A session's steps (in time order) as the timeline's columns: names once, parents and times as numbers. */
export function toTimelineColumns(steps: readonly SessionStep[]): SessionTimeline {
  const first = steps[0]?.timestamp.getTime() ?? 0;
  const position = new Map(steps.map((step, i) => [step.id, i]));
  const agents = new Map<string | null, number>();
  const models = new Map<string, number>();
  const indexIn = <K>(names: Map<K, number>, name: K): number => {
    let index = names.get(name);
    if (index === undefined) {
      index = names.size;
      names.set(name, index);
    }
    return index;
  };
  const timeline: SessionTimeline = {
    start: steps.length > 0 ? new Date(first).toISOString() : null,
    ids: [],
    startMs: [],
    latencyMs: [],
    ttftMs: [],
    parent: [],
    agent: [],
    agents: [],
    model: [],
    models: [],
    cost: [],
    failed: [],
  };
  steps.forEach((step, i) => {
    timeline.ids.push(step.id);
    timeline.startMs.push(step.timestamp.getTime() - first);
    timeline.latencyMs.push(step.latencyMs);
    timeline.ttftMs.push(step.ttftMs);
    timeline.parent.push(step.parentId === null ? -1 : (position.get(step.parentId) ?? -1));
    timeline.agent.push(indexIn(agents, step.agentName));
    timeline.model.push(indexIn(models, step.modelName));
    timeline.cost.push(step.totalCost);
    if (step.failed) timeline.failed.push(i);
  });
  timeline.agents = [...agents.keys()];
  timeline.models = [...models.keys()];
  return timeline;
}
