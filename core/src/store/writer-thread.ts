import { parentPort, workerData } from 'node:worker_threads';
import { toWriteBatch } from '../database-sink.js';
import type { WriteItem } from '../write-item.js';
import { type LibSqlDatabase, openCurrentLibSql } from './libsql-database.js';
import { isStaleSchema } from './open-current-sqlite.js';
import { writeBatch } from './write-batch.js';
import type {
  OpenRequest,
  ThreadError,
  WriteRequest,
  WriterThreadData,
  WriterThreadReply,
} from './writer-thread-protocol.js';

/*
 * The writer thread of an embedded SQLite store (libSQL): it writes each batch the host's
 * writer sends, so statements, COMMITs and WAL checkpoints never hold up the host's event
 * loop (libSQL runs them on the thread that calls it). It loads the raw driver and the write
 * path only, never MikroORM: it creates a new store itself (openCurrentLibSql), and one
 * from an older version is migrated by the host.
 */

const port = parentPort;
if (!port) throw new Error('writer-thread.ts runs as a worker thread');
const { path } = workerData as WriterThreadData;
let database: Promise<LibSqlDatabase> | null = null;
/** The parts of batches whose last part has not come yet, by batch id. */
const parts = new Map<number, WriteItem[]>();

port.on('message', async (request: WriteRequest | OpenRequest) => {
  if (request.kind === 'open') {
    try {
      await open();
      port.postMessage({ kind: 'opened' } satisfies WriterThreadReply);
    } catch (error) {
      if (isStaleSchema(error)) port.postMessage({ kind: 'stale' } satisfies WriterThreadReply);
      // Any other failure shows again, with its batch, on the first write.
    }
    return;
  }
  const items = [...(parts.get(request.id) ?? []), ...request.items];
  if (!request.last) {
    parts.set(request.id, items);
    return;
  }
  parts.delete(request.id);
  if (request.abandoned) return;
  try {
    const written = await writeBatch(await open(), toWriteBatch(items), { replay: request.replay });
    port.postMessage({ kind: 'written', id: request.id, written } satisfies WriterThreadReply);
  } catch (error) {
    port.postMessage({ kind: 'failed', id: request.id, error: toThreadError(error) } satisfies WriterThreadReply);
  }
});

/** The store, opened once (a second connection of this thread would wait on the first's lock forever) and only when current. */
function open(): Promise<LibSqlDatabase> {
  if (!database) {
    database = openCurrentLibSql(path, 'thread');
    // A failed open is tried again by the next batch.
    database.catch(() => {
      database = null;
    });
  }
  return database;
}

function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return {
    name: error.name,
    message: `${error.message}${cause}`,
    ...(typeof code === 'string' ? { code } : {}),
  };
}
