import type { SqlDatabase } from './store/sql-connection.js';
import { type WriteBatch, writeBatch } from './store/write-batch.js';
import type { WriteItem } from './write-item.js';
import type { SinkResult, WriteSink } from './write-sink.js';

/**
 * Writes each batch into the store in one transaction, from the host's thread: PostgreSQL
 * through a knex transaction's own `pg` connection, a SQLite file through its raw driver
 * (a libSQL file goes through WriterThreadSink instead with `writerThread: true`).
 */
export class DatabaseSink implements WriteSink {
  constructor(private readonly openDatabase: () => Promise<SqlDatabase>) {}

  async write(items: WriteItem[], options: { replay: boolean }): Promise<SinkResult> {
    const database = await this.openDatabase();
    return { written: await writeBatch(database, toWriteBatch(items), options), dropped: 0 };
  }
}

/** The items of one batch, by kind, as one transaction writes them. */
export function toWriteBatch(items: WriteItem[]): WriteBatch {
  const batch: WriteBatch = { sessions: [], sessionStubs: [], calls: [], ends: [] };
  for (const item of items) {
    if (item.kind === 'session') batch.sessions.push(item.session);
    else if (item.kind === 'stub') batch.sessionStubs.push(item.session);
    else if (item.kind === 'call') {
      batch.calls.push(item.call);
      if (item.callerId) batch.mayRepeatCalls = true;
    } else batch.ends.push(item.end);
  }
  return batch;
}
