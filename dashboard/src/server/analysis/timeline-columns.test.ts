import type { SessionStep } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { toTimelineColumns } from './timeline-columns.js';

const T0 = Date.UTC(2026, 0, 5, 9);

function step(id: string, offsetMs: number, fields: Partial<SessionStep> = {}): SessionStep {
  return {
    id,
    parentId: null,
    timestamp: new Date(T0 + offsetMs),
    provider: 'openai',
    modelName: 'gpt-4o',
    agentName: 'planner',
    operationName: null,
    promptTokens: 10,
    completionTokens: 5,
    totalTokens: 15,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    latencyMs: 100,
    ttftMs: null,
    totalCost: 0.5,
    failed: false,
    ...fields,
  };
}

describe('toTimelineColumns', () => {
  it('turns parents into positions, names into indexes and times into offsets from the first call', () => {
    const timeline = toTimelineColumns([
      step('a', 0),
      step('b', 250, { parentId: 'a', agentName: 'coder', modelName: 'claude-sonnet-4-5', ttftMs: 40 }),
      step('c', 900, { parentId: 'not-stored', agentName: null, failed: true, totalCost: 0.25 }),
      step('d', 1200, { parentId: 'b', agentName: 'coder' }),
    ]);
    expect(timeline).toEqual({
      start: new Date(T0).toISOString(),
      ids: ['a', 'b', 'c', 'd'],
      startMs: [0, 250, 900, 1200],
      latencyMs: [100, 100, 100, 100],
      ttftMs: [null, 40, null, null],
      parent: [-1, 0, -1, 1],
      agent: [0, 1, 2, 1],
      agents: ['planner', 'coder', null],
      model: [0, 1, 0, 0],
      models: ['gpt-4o', 'claude-sonnet-4-5'],
      cost: [0.5, 0.5, 0.25, 0.5],
      failed: [2],
    });
  });

  it('has empty columns for a session without calls', () => {
    expect(toTimelineColumns([])).toMatchObject({ start: null, ids: [], agents: [], failed: [] });
  });
});
