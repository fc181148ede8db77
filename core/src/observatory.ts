import { v7 as uuidv7 } from 'uuid';
import { checkCustomPrices } from './custom-prices.js';
import { DatabaseSink } from './database-sink.js';
import { describeDatabaseUrl, parseDatabaseUrl, resolveDatabaseUrl, type SqliteDriverName } from './database-url.js';
import { defaultSpoolDir } from './default-spool-dir.js';
import { DiskSpool } from './disk-spool.js';
import { emitGenAiSpan, type OpenTelemetryExport } from './emit-gen-ai-span.js';
import { registerExitFlush } from './exit-hooks.js';
import { HttpSink } from './http-sink.js';
import { resolveIngestEndpoint } from './ingest-endpoint.js';
import type { LLMCall, Session } from './models.js';
import { type NormalizedUsage, normalizeUsage } from './normalize-usage.js';
import { type FieldIssue, ObservatoryError, ObservatoryValidationError } from './observatory-error.js';
import type { ObservatoryOptions } from './observatory-options.js';
import { parseRecordedItem } from './parse-recorded-item.js';
import { DEFAULT_STORAGE_POLICY, type StoragePolicy } from './prepare-for-storage.js';
import { type CallPrice, priceCall } from './price-call.js';
import { nameMetadataKey } from './queries/name-metadata-key.js';
import { parseCallInput, type RecordCallInput } from './record-input.js';
import { getActiveSession, runInSession } from './session-context.js';
import { ObservatoryStorage } from './storage.js';
import type { Store } from './store/create-store.js';
import { openCurrentLibSql } from './store/libsql-database.js';
import { isStaleSchema, type SqliteWriteDatabase } from './store/open-current-sqlite.js';
import { knexDatabase, type SqlDatabase } from './store/sql-connection.js';
import { openCurrentSqlite3 } from './store/sqlite3-database.js';
import { stubSession } from './stub-session.js';
import type { WriteItem } from './write-item.js';
import type { WriteSink } from './write-sink.js';
import { BatchWriter } from './writer.js';
import { WriterThreadSink } from './writer-thread-sink.js';

/** Counters since the observatory was created. */
export interface ObservatoryStats {
  /** Calls accepted by recordCall. */
  recorded: number;
  /** Calls durably written. */
  written: number;
  /** Batches they were written in: transactions, or requests to `ingestUrl`. */
  batches: number;
  /** Calls refused: invalid input, or recorded after close. */
  rejected: number;
  /** Failed write attempts that were retried. */
  retried: number;
  /** Calls lost: neither queued nor spooled, or refused for good by the ingest server (`ingestUrl`). */
  dropped: number;
  /** Items moved to the disk spool while the database was away. */
  spooled: number;
  /** Items waiting to be written. */
  pending: number;
}

/** What `ingestRecorded` did with a delivery. */
export interface IngestResult {
  /** Items queued and now durable (in the store or the disk spool). */
  accepted: number;
  /** Items refused, by their index in the delivery, with each bad field and its value. */
  rejected: Array<{ index: number; issues: FieldIssue[] }>;
}

/**
 * How a session ended: succeeded, failed (with the error), or cancelled. A cancelled
 * session was stopped on purpose before it finished (e.g. the consumer stopped reading a
 * stream): it is stored ended (`endTime` set) with `success` and `error` null, so it counts
 * neither as a success nor as a failure.
 */
export type EndSessionOptions = { success: boolean; error?: unknown } | { cancelled: true };

/**
 * Records LLM calls and sessions into SQLite or PostgreSQL. Recording is synchronous and
 * cheap; writing happens in batches in the background.
 *
 * @example
 * const obs = new Observatory({ projectName: 'my-app' })
 * await obs.withSession('code_review', async () => {
 *   obs.recordCall({ provider: 'openai', modelName: 'gpt-4o', promptTokens: 500, completionTokens: 200, latencyMs: 1200 })
 * })
 * await obs.close()
 */
export class Observatory {
  readonly projectName: string;
  readonly enabled: boolean;
  /** Queries over the store (sessions, calls, aggregates). */
  readonly storage: ObservatoryStorage;
  private readonly options: ObservatoryOptions;
  private readonly databaseUrl: string;
  /** POST /api/calls of the server calls are sent to (`ingestUrl`), or null to write the database. */
  private readonly ingestEndpoint: string | null;
  private readonly writer: BatchWriter;
  private readonly openSessions = new Map<string, Session>();
  /** Session ids this process knows exist (or will exist) in the store. */
  private readonly knownSessionIds = new Set<string>();
  private implicitSession: Session | null = null;
  private storePromise: Promise<Store> | null = null;
  /** A SQLite file the writer writes through its raw driver; null for PostgreSQL, `:memory:` and a URL that does not parse (reported on the first write). */
  private readonly rawSqlite: RawSqliteTarget | null;
  private writeDatabasePromise: Promise<SqlDatabase> | null = null;
  /** The raw write path opening a SQLite file (it may create or migrate it): queries wait for it. */
  private rawOpening: Promise<SqlDatabase> | null = null;
  /** The store being migrated for the raw write path (on this thread or the writer thread), without keeping MikroORM open. */
  private migrating: Promise<void> | null = null;
  /** The embedded libSQL store's writer thread; null for other stores and for ingestUrl. */
  private readonly writerThread: WriterThreadSink | null;
  /** Writes on this thread: a SQLite file through its raw driver, PostgreSQL through knex. */
  private readonly databaseSink: DatabaseSink;
  /** The thread `obs.storage.importCalls` writes a libSQL file through, started by the first import. */
  private importThread: WriterThreadSink | null = null;
  private closed = false;
  /** Set by the first recorded item. */
  private recording = false;
  private closing: Promise<void> | null = null;
  private unregisterExit: (() => void) | null = null;
  private readonly counters = { recorded: 0, rejected: 0 };

  constructor(options: ObservatoryOptions = {}) {
    checkCustomPrices(options.customPrices);
    this.options = options;
    this.projectName = options.projectName || process.env.OBSERVATORY_PROJECT || 'default';
    this.enabled = options.enabled ?? process.env.OBSERVATORY_ENABLED !== 'false';
    this.databaseUrl = resolveDatabaseUrl(options.databaseUrl);
    this.ingestEndpoint = resolveIngestEndpoint(options);
    const redact = options.redact ?? true;
    const policy: StoragePolicy = {
      capturePrompts: options.capturePrompts ?? DEFAULT_STORAGE_POLICY.capturePrompts,
      redact: redact === true ? DEFAULT_STORAGE_POLICY.redact : redact === false ? null : redact,
      maxTextChars: options.maxTextChars ?? DEFAULT_STORAGE_POLICY.maxTextChars,
    };
    this.rawSqlite = this.ingestEndpoint ? null : rawSqliteTargetOf(this.databaseUrl);
    this.databaseSink = new DatabaseSink(() => this.writeDatabase());
    this.writerThread = options.writerThread === true ? this.createWriterThread('record') : null;
    this.writer = new BatchWriter(
      this.ingestEndpoint
        ? new HttpSink({
            endpoint: this.ingestEndpoint,
            token: options.ingestToken ?? process.env.OBSERVATORY_INGEST_TOKEN ?? null,
            timeoutMs: options.ingestTimeoutMs ?? 30_000,
            reportError: (error) => this.reportError(error),
          })
        : (this.writerThread ?? this.databaseSink),
      {
        batchSize: options.batchSize ?? 1000,
        flushIntervalMs: options.flushIntervalMs ?? 1000,
        maxQueueSize: options.maxQueueSize ?? 200_000,
        maxRetryDelayMs: options.maxRetryDelayMs ?? 5000,
        ...policy,
        spool: this.createSpool(options.spoolDir),
      },
      (error) => this.reportError(error),
    );
    this.storage = new ObservatoryStorage(
      () => this.getStore(),
      policy,
      () => this.importWriter(),
    );
    if (this.enabled && options.flushOnExit !== false) {
      this.unregisterExit = registerExitFlush({ flushOnExit: () => this.flushWithTimeout('exit') });
    }
  }

  /** Where calls are written (the database, or the ingest server's URL), with any password hidden. */
  get database(): string {
    return describeDatabaseUrl(this.ingestEndpoint ?? this.databaseUrl);
  }

  /** Start a session. Calls recorded with its id (or inside `withSession`) attach to it. */
  startSession(operationType: string, metadata?: Record<string, unknown>): Session {
    const now = new Date();
    const session: Session = {
      id: uuidv7(),
      projectName: this.projectName,
      operationType: operationType || 'session',
      startTime: now,
      endTime: null,
      totalCost: 0,
      totalTokens: 0,
      totalLlmCalls: 0,
      totalLatencyMs: 0,
      success: null,
      error: null,
      metadata: metadata ?? null,
      createdAt: now,
    };
    if (!this.guard('startSession')) return session;
    this.openSessions.set(session.id, session);
    this.knownSessionIds.add(session.id);
    this.enqueue({ kind: 'session', session });
    return session;
  }

  /**
   * End a session (by object or id) as a success, a failure or cancelled (`{ cancelled: true }`).
   * Ending one that is not open is reported as an error.
   */
  async endSession(session: Session | string, options: EndSessionOptions = { success: true }): Promise<void> {
    if (!this.guard('endSession')) return;
    const id = typeof session === 'string' ? session : session.id;
    const open = this.openSessions.get(id);
    if (!open) {
      this.fail(new ObservatoryError(`endSession: session ${id} is not open (already ended, or not started here)`));
      return;
    }
    this.openSessions.delete(id);
    open.endTime = new Date();
    open.success = 'cancelled' in options ? null : options.success;
    open.error = 'cancelled' in options ? null : errorText(options.error);
    if (typeof session !== 'string' && session !== open) Object.assign(session, open);
    this.enqueue({ kind: 'end', end: { id, endTime: open.endTime, success: open.success, error: open.error } });
  }

  /**
   * Run `fn` inside a new session: calls recorded without a sessionId attach to it. The
   * session ends with success, or with success=false and the error's message when `fn`
   * throws (the error is rethrown).
   */
  async withSession<T>(
    operationType: string,
    fn: (session: Session) => Promise<T> | T,
    metadata?: Record<string, unknown>,
  ): Promise<T> {
    const session = this.startSession(operationType, metadata);
    try {
      const result = await runInSession(this, session, () => fn(session));
      await this.endSession(session, { success: true });
      return result;
    } catch (error) {
      await this.endSession(session, { success: false, error });
      throw error;
    }
  }

  /**
   * Record one LLM call. Synchronous: validates, prices, queues and returns the call.
   * Invalid input is reported through `onError` (thrown when `strict`) and returns undefined.
   */
  recordCall(input: RecordCallInput): LLMCall | undefined {
    if (!this.guard('recordCall')) return undefined;
    try {
      const parsed = parseCallInput(input);
      const usage = normalizeUsage(parsed);
      const now = new Date();
      // A call recorded as it returns started latencyMs ago.
      const timestamp = parsed.timestamp ?? new Date(now.getTime() - (parsed.latencyMs ?? 0));
      const projectName = parsed.projectName ?? this.projectName;
      const session = this.resolveSession(parsed.sessionId, projectName, timestamp);
      const price = this.price(parsed.provider, parsed.modelName, usage, parsed.totalCost, timestamp);
      const call: LLMCall = {
        id: parsed.id ?? uuidv7(),
        sessionId: session.id,
        projectName,
        timestamp,
        provider: parsed.provider,
        modelName: parsed.modelName,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        totalTokens: usage.totalTokens,
        cachedPromptTokens: usage.cachedPromptTokens,
        cacheWriteTokens: usage.cacheWriteTokens,
        cacheWrite1hTokens: usage.cacheWrite1hTokens,
        reasoningTokens: usage.reasoningTokens,
        usageSource: usage.usageSource,
        latencyMs: parsed.latencyMs ?? 0,
        ttftMs: parsed.ttftMs ?? null,
        totalCost: price.totalCost,
        costSource: price.costSource,
        agentName: parsed.agentName ?? null,
        operationName: parsed.operationName ?? null,
        prompt: parsed.prompt ?? null,
        responseText: parsed.responseText ?? null,
        routingDecision: parsed.routingDecision ?? null,
        cacheMetadata: parsed.cacheMetadata ?? null,
        qualityEvaluation: parsed.qualityEvaluation ?? null,
        error: parsed.error ?? null,
        finishReason: parsed.finishReason ?? null,
        parentId: parsed.parentId ?? null,
        metadata: parsed.metadata ?? null,
        createdAt: now,
      };
      if (!this.enqueue({ kind: 'call', call, callerId: parsed.id !== undefined })) return undefined;
      if (this.options.openTelemetry) this.exportSpan(call, this.options.openTelemetry);
      this.counters.recorded++;
      session.totalCost += call.totalCost;
      session.totalTokens += call.totalTokens;
      session.totalLlmCalls += 1;
      session.totalLatencyMs += call.latencyMs;
      return call;
    } catch (error) {
      this.counters.rejected++;
      this.fail(error);
      return undefined;
    }
  }

  /**
   * Write items another Observatory recorded and priced, e.g. the body of POST /api/calls
   * (the wire format is in the dashboard's README). Each item is validated on its own;
   * calls without a cost are priced here; projects come from the items. Resolves once the
   * accepted items are durable (in the store, or in the disk spool); items may be sent
   * again (after a timeout) without being counted twice.
   */
  async ingestRecorded(items: unknown[]): Promise<IngestResult> {
    if (!this.enabled || this.closed) {
      throw new ObservatoryError(`ingestRecorded: this Observatory is ${this.closed ? 'closed' : 'disabled'}`);
    }
    const accepted: WriteItem[] = [];
    const rejected: IngestResult['rejected'] = [];
    const price = (provider: string, modelName: string, usage: NormalizedUsage, timestamp: Date) =>
      this.price(provider, modelName, usage, null, timestamp);
    items.forEach((input, index) => {
      try {
        accepted.push({ ...parseRecordedItem(input, price), received: true });
      } catch (error) {
        if (!ObservatoryValidationError.isInstance(error)) throw error;
        rejected.push({ index, issues: error.issues });
      }
    });
    await this.writer.enqueueDurable([...stubsForCalls(accepted), ...accepted]);
    return { accepted: accepted.length, rejected };
  }

  /** Counters since creation. */
  stats(): ObservatoryStats {
    return {
      recorded: this.counters.recorded,
      written: this.writer.counters.written,
      batches: this.writer.counters.batches,
      rejected: this.counters.rejected,
      retried: this.writer.counters.retried,
      dropped: this.writer.counters.dropped,
      spooled: this.writer.counters.spooled,
      pending: this.writer.pending,
    };
  }

  /**
   * Write everything recorded so far. Waits at most `timeoutMs` (default `closeTimeoutMs`,
   * 15 s): what is still unwritten then is moved to the disk spool and reported through
   * `onError` with the reason writes fail, so a script never hangs on a store it cannot
   * write. `stats().pending` tells what is left.
   */
  async flush(options: { timeoutMs?: number } = {}): Promise<void> {
    await this.flushWithTimeout('flush()', options.timeoutMs);
  }

  /**
   * End the implicit session, write everything pending and close the database. Safe to
   * call more than once; later recording is refused.
   */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    if (this.implicitSession && this.openSessions.has(this.implicitSession.id)) {
      await this.endSession(this.implicitSession, { success: true });
    }
    this.closed = true;
    this.unregisterExit?.();
    await this.flushWithTimeout('close()');
    this.writer.stop();
    await this.writerThread?.close();
    await this.importThread?.close();
    const written = await this.writeDatabasePromise?.catch(() => null);
    if (written && this.rawSqlite) await (written as SqliteWriteDatabase).close();
    if (this.storePromise) {
      const store = await this.storePromise.catch(() => null);
      await store?.close();
    }
  }

  private async flushWithTimeout(caller: string, timeoutMs = this.options.closeTimeoutMs ?? 15_000): Promise<void> {
    if (this.writer.pending === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([this.writer.flush(), timeout]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return;
    const unwritten = this.writer.pending;
    const cause = this.writer.lastFailure;
    const reason = cause instanceof Error ? `; the last write failed: ${cause.message}` : '';
    const spooled = this.writer.spillAll();
    const where = this.writer.spoolDir;
    this.reportError(
      new ObservatoryError(
        spooled && where
          ? `${caller}: ${unwritten} items were still unwritten after ${timeoutMs} ms${reason}. They are in the disk spool (${where}); they are written when the store accepts writes again, by this process or the next run`
          : `${caller}: ${unwritten} items were still unwritten after ${timeoutMs} ms${reason}. There is no disk spool, so they are lost if this process exits first`,
        { cause },
      ),
    );
  }

  private exportSpan(call: LLMCall, otel: OpenTelemetryExport): void {
    try {
      emitGenAiSpan(call, otel);
    } catch (error) {
      this.reportError(new ObservatoryError('OpenTelemetry export failed', { cause: error }));
    }
  }

  private createSpool(option: string | false | undefined): DiskSpool | null {
    if (option === false) return null;
    const dir = option ?? defaultSpoolDir(this.ingestEndpoint ?? this.databaseUrl);
    return dir ? new DiskSpool(dir) : null;
  }

  private getStore(): Promise<Store> {
    if (this.ingestEndpoint) {
      return Promise.reject(
        new ObservatoryError(
          `obs.storage needs a database, but this Observatory sends its calls to ingestUrl ${this.database}: query that server's API, or open an Observatory on its database`,
        ),
      );
    }
    if (!this.storePromise) {
      // After the raw write path has opened a SQLite file (creating or migrating it), so two
      // migrators never run at once.
      this.storePromise = (this.rawOpening ?? this.migrating ?? Promise.resolve())
        .catch(() => {})
        .then(() => this.openStore())
        .then((store) => this.nameRollupKeys(store));
      // A failed open is retried on the next write, not cached forever.
      this.storePromise.catch(() => {
        this.storePromise = null;
      });
    }
    return this.storePromise;
  }

  /**
   * A writer thread for an embedded libSQL file (not `:memory:`, which only this thread's
   * connection could see); null for other stores. It falls back to writing here when the
   * thread cannot start (a bundle without its module).
   */
  private createWriterThread(purpose: 'record' | 'import'): WriterThreadSink | null {
    if (this.rawSqlite?.driver !== 'libsql') return null;
    return new WriterThreadSink(
      { path: this.rawSqlite.path },
      () => this.migrateStore(),
      this.databaseSink,
      (error) => this.reportError(error),
      { purpose },
    );
  }

  /**
   * Where `obs.storage.importCalls` writes: a libSQL file on a writer thread, so an import
   * reads and checks its next batch while the thread writes the last one (libSQL runs
   * statements on the thread that calls it); null (the store's own connection) otherwise.
   */
  private importWriter(): WriteSink | null {
    this.importThread ??= this.createWriterThread('import');
    return this.importThread;
  }

  /** MikroORM's store (migrated), loaded only when queried or migrated: recording never needs it. */
  private async openStore(): Promise<Store> {
    const { createStore } = await import('./store/create-store.js');
    return createStore(this.databaseUrl);
  }

  /**
   * What the writer writes through on this thread: a SQLite file through its raw driver,
   * libSQL or sqlite3 (no MikroORM), migrated first when it is not current; PostgreSQL
   * and `:memory:` through MikroORM's knex.
   */
  private writeDatabase(): Promise<SqlDatabase> {
    if (!this.writeDatabasePromise) {
      this.writeDatabasePromise = this.openWriteDatabase();
      // A failed open is retried on the next write, not cached forever.
      this.writeDatabasePromise.catch(() => {
        this.writeDatabasePromise = null;
      });
    }
    return this.writeDatabasePromise;
  }

  private async openWriteDatabase(): Promise<SqlDatabase> {
    const target = this.rawSqlite;
    if (!target) return knexDatabase((await this.getStore()).em.getKnex());
    const open = () =>
      target.driver === 'libsql' ? openCurrentLibSql(target.path, 'host') : openCurrentSqlite3(target.path);
    this.rawOpening = (async () => {
      try {
        return await open();
      } catch (error) {
        if (!isStaleSchema(error)) throw error;
      }
      await this.migrateStore();
      return open();
    })();
    try {
      return await this.rawOpening;
    } finally {
      this.rawOpening = null;
    }
  }

  /**
   * Bring an older SQLite store to this version's schema for the raw write path (here or on
   * the writer thread), which never loads MikroORM: MikroORM opens it (which migrates it)
   * and closes it again. Once at a time.
   */
  private migrateStore(): Promise<void> {
    // Its own MikroORM store, not getStore's: that one may be waiting for this migration.
    this.migrating ??= this.openStore()
      .then((store) => store.close())
      .then(() => {})
      .finally(() => {
        this.migrating = null;
      });
    return this.migrating;
  }

  /**
   * On the first recorded item: a SQLite file is opened for writing (a new one created)
   * while the app goes on, not when the first batch is due, by the writer thread if there
   * is one; the `rollupMetadataKeys` are named. PostgreSQL and `:memory:` are opened with
   * the first batch, as before.
   */
  private onFirstItem(): void {
    if (this.recording || this.ingestEndpoint) return;
    this.recording = true;
    if (this.writerThread) this.writerThread.start();
    else if (this.rawSqlite) this.writeDatabase().catch(() => {});
    if (this.options.rollupMetadataKeys?.length) this.getStore().catch((error) => this.reportError(error));
  }

  /** Name the `rollupMetadataKeys` on the opened store; a bad key is reported and skipped, never fatal to writes. */
  private async nameRollupKeys(store: Store): Promise<Store> {
    for (const key of this.options.rollupMetadataKeys ?? []) {
      try {
        await nameMetadataKey(store.em, store.dialect, key);
      } catch (error) {
        if (ObservatoryValidationError.isInstance(error)) this.reportError(error);
        else throw error;
      }
    }
    return store;
  }

  private resolveSession(sessionId: string | undefined, projectName: string, firstCallAt: Date): Session {
    if (sessionId) {
      const open = this.openSessions.get(sessionId);
      if (open) return open;
      // A session started elsewhere (another process, an adapter's run id): make sure
      // its row exists, so the call is never lost to a missing foreign key.
      return this.addStubSession(sessionId, projectName, firstCallAt);
    }
    const active = getActiveSession(this);
    if (active) return active;
    if (!this.implicitSession) this.implicitSession = this.startSession('implicit');
    return this.implicitSession;
  }

  private addStubSession(id: string, projectName: string, firstCallAt: Date): Session {
    const session = stubSession(id, projectName, firstCallAt);
    if (!this.knownSessionIds.has(id)) {
      this.knownSessionIds.add(id);
      this.enqueue({ kind: 'stub', session });
    }
    return session;
  }

  private price(
    provider: string,
    modelName: string,
    usage: Parameters<typeof priceCall>[2],
    userCost: number | null | undefined,
    timestamp: Date,
  ): CallPrice {
    try {
      return priceCall(provider, modelName, usage, {
        userCost,
        customPrices: this.options.customPrices,
        timestamp,
      });
    } catch (error) {
      this.reportError(new ObservatoryError(`pricing ${provider}/${modelName} failed`, { cause: error }));
      return { totalCost: 0, costSource: 'unknown' };
    }
  }

  private enqueue(item: Parameters<BatchWriter['enqueue']>[0]): boolean {
    this.onFirstItem();
    if (this.writer.enqueue(item)) return true;
    this.reportError(new ObservatoryError('the write queue is full; the call was not recorded'));
    return false;
  }

  /** False (after reporting) when recording is off or closed. */
  private guard(method: string): boolean {
    if (!this.enabled) return false;
    if (this.closed) {
      if (method === 'recordCall') this.counters.rejected++;
      this.fail(new ObservatoryError(`${method} after close(): nothing was recorded`));
      return false;
    }
    return true;
  }

  /** A problem with the caller's input or state: thrown when strict, reported otherwise. */
  private fail(error: unknown): void {
    if (this.options.strict) throw error;
    this.reportError(error);
  }

  /**
   * Hand an error to `onError` (default: a console warning); never throws. Adapters use it
   * for their own failures, so a recording bug never reaches the user's code.
   */
  reportError(error: unknown): void {
    try {
      if (this.options.onError) this.options.onError(error);
      else console.warn('[observatory]', error instanceof Error ? error.message : error);
    } catch {
      // An onError that throws must not reach the host app either.
    }
  }
}

/**
 * A stub per session that calls of a delivery use but the delivery does not start, queued
 * before the calls so none is lost to a missing foreign key (senders in other languages
 * may send calls only). An existing session row wins over its stub.
 */
function stubsForCalls(items: WriteItem[]): WriteItem[] {
  const started = new Set(
    items.flatMap((item) => (item.kind === 'session' || item.kind === 'stub' ? [item.session.id] : [])),
  );
  const stubs = new Map<string, WriteItem>();
  for (const item of items) {
    if (item.kind === 'call' && !started.has(item.call.sessionId) && !stubs.has(item.call.sessionId)) {
      const { sessionId, projectName, timestamp } = item.call;
      stubs.set(sessionId, {
        kind: 'stub',
        received: true,
        session: stubSession(sessionId, projectName, timestamp, timestamp),
      });
    }
  }
  return [...stubs.values()];
}

function errorText(error: unknown): string | null {
  if (error == null) return null;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A SQLite file, by path and driver. */
type RawSqliteTarget = { path: string; driver: SqliteDriverName };

/**
 * The SQLite file behind a database URL, which the writer writes through its raw driver;
 * null for PostgreSQL and `:memory:` (a second connection would open another, empty
 * database), and for a URL that does not parse: opening the store reports that, on the
 * first write, rather than the constructor throwing in the app.
 */
function rawSqliteTargetOf(databaseUrl: string): RawSqliteTarget | null {
  try {
    const target = parseDatabaseUrl(databaseUrl);
    return target.dialect === 'sqlite' && target.path !== ':memory:'
      ? { path: target.path, driver: target.driver }
      : null;
  } catch {
    return null;
  }
}
