import { afterEach, describe, expect, it } from 'vitest';
import {
  configure,
  endTrackingSession,
  getDefaultObservatory,
  startTrackingSession,
  trackLlmCall,
} from './default-instance.js';
import { createTestDatabase, makeCall, type TestDatabase } from './test/index.js';

describe('integration template functions', () => {
  let db: TestDatabase;
  afterEach(async () => {
    await getDefaultObservatory().close();
    await db?.drop();
  });

  it('record into the default instance configured from the environment', async () => {
    db = await createTestDatabase('sqlite');
    process.env.OBSERVATORY_DATABASE_URL = db.url;
    process.env.OBSERVATORY_PROJECT = 'template-app';
    try {
      configure({ flushOnExit: false });
    } finally {
      delete process.env.OBSERVATORY_DATABASE_URL;
      delete process.env.OBSERVATORY_PROJECT;
    }
    const session = startTrackingSession('workflow', { user: 'u1' });
    trackLlmCall(makeCall({ sessionId: session.id }));
    await endTrackingSession(session, { success: false, error: new Error('step 3 failed') });
    const obs = getDefaultObservatory();
    await obs.flush();
    const [stored] = await obs.storage.getSessions({ projectName: 'template-app' });
    expect(stored).toMatchObject({
      operationType: 'workflow',
      success: false,
      error: 'step 3 failed',
      totalLlmCalls: 1,
    });
    expect(obs.database).toBe(db.url);
  });
});
