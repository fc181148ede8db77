import type { LLMCall } from '../models.js';
import { addCall, emptyMeasures, type RollupSource } from './build-rollup-deltas.js';
import { ROLLUP_MEASURE_FIELDS, type RollupMeasures } from './rollup-fields.js';
import type { SqlConnection } from './sql-connection.js';
import { upsertAdding } from './upsert-adding.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Longer values are cut to this (the column's width): they group by their first 256 characters. */
const MAX_VALUE_CHARS = 256;

/** The metadata rollup tables of each period (migration 0012). */
export const METADATA_ROLLUP_TABLES = { hour: 'llm_metadata_rollups', day: 'llm_metadata_rollups_daily' } as const;
export const METADATA_ROLLUP_KEYS_TABLE = 'metadata_rollup_keys';

export type MetadataRollupSource = RollupSource & Pick<LLMCall, 'metadata'>;

const METADATA_ROLLUP_KEY_FIELDS = ['metadataKey', 'hourStart', 'projectName', 'metadataValue'] as const;

interface MetadataRollup extends RollupMeasures {
  metadataKey: string;
  hourStart: number;
  projectName: string;
  metadataValue: string;
}

/**
 * A metadata value as the rollups and the `key=value` filters compare it: strings as they
 * are, numbers as JavaScript writes them, booleans as `true` / `false`. Objects, arrays
 * and null are not values to group by: null.
 */
export function metadataValueOf(metadata: Record<string, unknown> | null | undefined, key: string): string | null {
  const value = metadata?.[key];
  if (typeof value === 'string') return value.slice(0, MAX_VALUE_CHARS);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** The keys whose values are rolled up, as stored (read in the writer's transaction, so naming a key is exact). */
export async function readMetadataRollupKeys(sql: SqlConnection): Promise<string[]> {
  const rows = await sql.all<{ metadata_key: string }>(
    `select metadata_key from ${METADATA_ROLLUP_KEYS_TABLE} order by metadata_key`,
  );
  return rows.map((row) => row.metadata_key);
}

/**
 * Add (sign 1) or take back (sign -1) calls in the rollups of the named metadata keys,
 * hourly and daily. The same measures as the call rollups, by the same code. Returns how
 * many (call, key) values were rolled up.
 */
export async function applyMetadataRollups(
  sql: SqlConnection,
  calls: readonly MetadataRollupSource[],
  sign: 1 | -1,
  keys?: string[],
): Promise<number> {
  if (calls.length === 0) return 0;
  const named = keys ?? (await readMetadataRollupKeys(sql));
  if (named.length === 0) return 0;
  let values = 0;
  const hourly = new Map<string, MetadataRollup>();
  const daily = new Map<string, MetadataRollup>();
  for (const call of calls) {
    const time = call.timestamp.getTime();
    const hourStart = time - (((time % HOUR_MS) + HOUR_MS) % HOUR_MS);
    for (const metadataKey of named) {
      const metadataValue = metadataValueOf(call.metadata, metadataKey);
      if (metadataValue === null) continue;
      values++;
      const key = { metadataKey, projectName: call.projectName, metadataValue };
      addCall(rowOf(hourly, { ...key, hourStart }), call, sign);
      addCall(rowOf(daily, { ...key, hourStart: Math.floor(hourStart / DAY_MS) * DAY_MS }), call, sign);
    }
  }
  await upsert(sql, METADATA_ROLLUP_TABLES.hour, hourly.values());
  await upsert(sql, METADATA_ROLLUP_TABLES.day, daily.values());
  if (sign < 0) {
    for (const table of Object.values(METADATA_ROLLUP_TABLES)) await sql.run(`delete from ${table} where calls <= 0`);
  }
  return values;
}

function rowOf(
  rows: Map<string, MetadataRollup>,
  key: Pick<MetadataRollup, 'metadataKey' | 'hourStart' | 'projectName' | 'metadataValue'>,
): MetadataRollup {
  const id = `${key.metadataKey}\u0000${key.hourStart}\u0000${key.projectName}\u0000${key.metadataValue}`;
  let row = rows.get(id);
  if (!row) {
    row = { ...key, ...emptyMeasures() };
    rows.set(id, row);
  }
  return row;
}

function upsert(sql: SqlConnection, table: string, rows: Iterable<MetadataRollup>): Promise<void> {
  return upsertAdding(sql, table, METADATA_ROLLUP_KEY_FIELDS, ROLLUP_MEASURE_FIELDS, [...rows]);
}
