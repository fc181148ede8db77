import type { EntityManager, Knex } from '@mikro-orm/knex';
import { buildRollupDeltas } from '../store/build-rollup-deltas.js';
import { LLMCallEntity } from '../store/llm-call.entity.js';
import { applyMetadataRollups } from '../store/metadata-rollups.js';
import { SessionEntity } from '../store/session.entity.js';
import { knexSql } from '../store/sql-connection.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { storedIds } from '../store/stored-id.js';
import { applyRollupDeltas } from '../store/write-batch.js';
import { unindexCallText } from './call-text-search.js';

export interface DeleteResult {
  sessions: number;
  calls: number;
}

/** Sessions (and their calls) removed per transaction, so a large prune never holds one huge lock. */
const SESSIONS_PER_STEP = 200;

/**
 * Delete sessions that started before `cutoff`, with their calls, and take those calls
 * back out of the rollups (the same delta code the writer adds them with, negated), so
 * dashboard totals keep matching the calls that remain.
 */
export async function deleteSessionsBefore(
  em: EntityManager,
  dialect: StoreDialect,
  cutoff: Date,
  projectName?: string,
): Promise<DeleteResult> {
  const result: DeleteResult = { sessions: 0, calls: 0 };
  for (;;) {
    const where: Record<string, unknown> = { startTime: { $lt: cutoff } };
    if (projectName !== undefined) where.projectName = projectName;
    const sessions = await em.fork().find(SessionEntity, where, {
      fields: ['id'],
      limit: SESSIONS_PER_STEP,
      orderBy: { startTime: 'asc' },
      disableIdentityMap: true,
    });
    if (sessions.length === 0) return result;
    const ids = sessions.map((s) => s.id);
    await em.fork().transactional(async (tx) => {
      const knex = tx.getTransactionContext<Knex.Transaction>();
      if (!knex) throw new Error('deleteSessionsBefore: no transaction context');
      const stored = storedIds(dialect, ids);
      const rows: Array<Record<string, unknown>> = await knex('llm_calls').select('*').whereIn('session_id', stored);
      const calls = rows.map((row) => tx.map(LLMCallEntity, row));
      await applyRollupDeltas(knexSql(knex), buildRollupDeltas(calls, -1));
      await applyMetadataRollups(knexSql(knex), calls, -1);
      await unindexCallText(knex, dialect, ids);
      await knex('llm_call_rollups').where('calls', '<=', 0).delete();
      await knex('llm_calls').whereIn('session_id', stored).delete();
      await knex('sessions').whereIn('id', stored).delete();
      result.calls += calls.length;
      result.sessions += ids.length;
    });
  }
}
