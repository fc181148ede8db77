import { setTimeout as sleep } from 'node:timers/promises';
import { createTestObservatory, type TestObservatory } from '@observatory/core/test';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { AlertEngine } from './alerts/alert-engine.js';
import { CallTextIndexer } from './call-text-indexer.js';

/**
 * The server closes its store right after stopping its background work. On SQLite the store
 * has one connection: a query of theirs still in flight then failed ("aborted"), or waited out
 * knex's 60 s acquire timeout and held up `observatory serve`'s exit by a minute.
 */
describe('stopping the background work before the store closes (SQLite)', () => {
  let t: TestObservatory;
  const errors: unknown[] = [];

  beforeEach(async () => {
    errors.length = 0;
    t = await createTestObservatory({ projectName: 'stop-check' });
    for (let i = 0; i < 300; i++) {
      t.obs.recordCall({
        provider: 'openai',
        modelName: 'gpt-4o',
        promptTokens: 100,
        completionTokens: 10,
        latencyMs: 500,
        prompt: `question ${i} about the weather in Lisbon`,
        responseText: `answer ${i}: sunny`,
      });
    }
    await t.obs.flush();
  });
  afterEach(() => t.cleanup());

  /**
   * Start, let the first run begin (its 0 ms timer fires before ours) and stop: the work must
   * have started and settled when stop() resolves. Then close the store, and give anything
   * that outlived stop() time to fail on it.
   */
  async function stopMidRun(service: { start(): void; stop(): Promise<void> }, work: MockInstance) {
    service.start();
    await sleep(0);
    await service.stop();
    expect(work).toHaveBeenCalled();
    expect(work.mock.settledResults.map((result) => result.type)).not.toContain('incomplete');
    await t.obs.close();
    await sleep(200);
    expect(errors).toEqual([]);
  }

  it('AlertEngine.stop() resolves once its evaluation in flight has finished', async () => {
    const engine = new AlertEngine(t.obs.storage, Date.now, (error) => errors.push(error));
    await stopMidRun(engine, vi.spyOn(engine, 'evaluate'));
  });

  it('CallTextIndexer.stop() resolves once its step in flight has finished', async () => {
    const indexer = new CallTextIndexer(t.obs.storage, (error) => errors.push(error));
    await stopMidRun(indexer, vi.spyOn(t.obs.storage, 'indexCallText'));
  });
});
