import type { EntityManager, Knex } from '@mikro-orm/knex';
import { metadataKeyPresent } from '../store/metadata-key-present.js';
import { applyMetadataRollups, METADATA_ROLLUP_KEYS_TABLE, METADATA_ROLLUP_TABLES } from '../store/metadata-rollups.js';
import { knexSql } from '../store/sql-connection.js';
import type { StoreDialect } from '../store/store-dialect.js';
import { storedId } from '../store/stored-id.js';
import { sqliteMetadataValue } from './call-filters.js';
import { ROLLUP_SOURCE_COLUMNS, toRollupSource } from './read-rollup-source.js';

/** Calls read per step of a backfill. */
const BACKFILL_PAGE = 5_000;

/**
 * Start rolling up a metadata key's values: record the key and add every stored call that
 * has it to the key's rollups, in one transaction, so no call is counted twice or missed.
 * Writers read the named keys in their own transactions; on PostgreSQL this one holds a
 * SHARE lock on the calls until it commits, so no write is in flight across it (SQLite has
 * one writer at a time anyway). A store with many calls holds writes for the backfill's
 * length: name keys early. Returns the calls added (those with a value under the key); 0 when the key was already named.
 */
export async function nameMetadataKey(em: EntityManager, dialect: StoreDialect, key: string): Promise<number> {
  const present = metadataKeyPresent(dialect, key);
  return em.fork().transactional(async (tx) => {
    const knex = tx.getTransactionContext<Knex.Transaction>();
    if (!knex) throw new Error('nameMetadataKey: no transaction context');
    if (dialect === 'postgresql') await knex.raw('lock table llm_calls in share mode');
    // SQLite: take the write lock first (waiting for it as for any write). A transaction that
    // reads and then writes fails at once (SQLITE_BUSY) when another connection wrote between.
    else await knex.raw(`delete from ${METADATA_ROLLUP_KEYS_TABLE} where 0`);
    const [existing] = await knex(METADATA_ROLLUP_KEYS_TABLE).where('metadata_key', key).select('metadata_key');
    if (existing) return 0;
    await knex(METADATA_ROLLUP_KEYS_TABLE).insert({ metadata_key: key, created_at: new Date() });
    if (dialect === 'sqlite') {
      // SQLite has no index for any key of a JSON column (PostgreSQL's GIN index, migration
      // 0010, serves all): a named key gets one on the sessions' value, for `key=value` filters.
      await knex.raw(
        `create index if not exists ${sessionIndexOf(key)} on sessions (${sqliteMetadataValue('metadata', key)})`,
      );
    }
    let added = 0;
    let after: string | null = null;
    for (;;) {
      const page = knex('llm_calls')
        .whereRaw(present)
        .select('id', ...ROLLUP_SOURCE_COLUMNS)
        .orderBy('id')
        .limit(BACKFILL_PAGE);
      if (after !== null) page.where('id', '>', storedId(dialect, after));
      const rows: Array<Record<string, unknown>> = await page;
      if (rows.length === 0) return added;
      added += await applyMetadataRollups(knexSql(knex), rows.map(toRollupSource), 1, [key]);
      after = String(rows[rows.length - 1].id);
    }
  });
}

/** Stop rolling up a key and delete its rollups (and on SQLite its sessions index). Returns whether it was named. */
export async function forgetMetadataKey(em: EntityManager, dialect: StoreDialect, key: string): Promise<boolean> {
  return em.fork().transactional(async (tx) => {
    const knex = tx.getTransactionContext<Knex.Transaction>();
    if (!knex) throw new Error('forgetMetadataKey: no transaction context');
    const deleted = await knex(METADATA_ROLLUP_KEYS_TABLE).where('metadata_key', key).delete();
    for (const table of Object.values(METADATA_ROLLUP_TABLES)) await knex(table).where('metadata_key', key).delete();
    if (dialect === 'sqlite' && deleted > 0) await knex.raw(`drop index if exists ${sessionIndexOf(key)}`);
    return deleted > 0;
  });
}

/** The SQLite index of a named key's session values (the key is checked: letters, digits, _ and -). */
function sessionIndexOf(key: string): string {
  return `"sessions_metadata_${key}_idx"`;
}
