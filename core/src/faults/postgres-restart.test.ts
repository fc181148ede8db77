import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Observatory } from '../observatory.js';
import { makeCall } from '../test/index.js';
import { startThrowawayPostgres, throwawayPostgresUnavailable } from './throwaway-postgres.js';

const unavailable = throwawayPostgresUnavailable();
if (unavailable && process.env.CI) throw new Error(`the PostgreSQL restart test must run under CI: ${unavailable}`);

describe.skipIf(unavailable !== null)('PostgreSQL stopped in the middle of ingest', () => {
  it('keeps every recorded call (queued, then spooled) and writes them all once it is back', async () => {
    const pg = await startThrowawayPostgres();
    const spoolDir = mkdtempSync(join(tmpdir(), 'observatory-spool-pg-'));
    const errors: unknown[] = [];
    const obs = new Observatory({
      databaseUrl: pg.url,
      projectName: 'restart',
      spoolDir,
      batchSize: 200,
      flushIntervalMs: 20,
      maxRetryDelayMs: 200,
      flushOnExit: false,
      onError: (e) => errors.push(e),
    });
    try {
      const session = obs.startSession('ingest');
      let recorded = 0;
      const produce = async (n: number) => {
        for (let i = 0; i < n; i++) {
          obs.recordCall(makeCall({ sessionId: session.id }));
          recorded++;
          if (i % 100 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      };
      await produce(2000);
      pg.stop();
      await produce(3000); // the database is down for all of these
      expect(obs.stats().spooled).toBeGreaterThan(0);
      pg.start();
      await produce(1000);
      await obs.endSession(session, { success: true });
      await obs.flush();

      expect(obs.stats()).toMatchObject({ recorded, written: recorded, dropped: 0, pending: 0 });
      expect(await obs.storage.countLlmCalls({ projectName: 'restart' })).toBe(6000);
      expect(await obs.storage.getSession(session.id)).toMatchObject({ totalLlmCalls: 6000, success: true });
      expect((await obs.storage.getOverview({ projectName: 'restart' })).totalCalls).toBe(6000);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await obs.close();
      pg.destroy();
      rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});
