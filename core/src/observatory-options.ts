import type { CustomPrices } from './custom-prices.js';
import type { OpenTelemetryExport } from './emit-gen-ai-span.js';

/** Options of `new Observatory(...)`. Every option has a default; none is required. */
export interface ObservatoryOptions {
  /** Groups calls and sessions; every dashboard filter starts here. Default: OBSERVATORY_PROJECT or 'default'. */
  projectName?: string;
  /** See DESIGN: option, else OBSERVATORY_DATABASE_URL, else DATABASE_URL, else ./observatory.db. */
  databaseUrl?: string;
  /**
   * Send calls to an Observatory server (`observatory serve`, which writes them to its own
   * database) instead of writing a database here: its base URL, e.g. `http://collector:7777`;
   * batches are POSTed to `/api/calls`, retried and spooled like database writes. Default:
   * OBSERVATORY_INGEST_URL, unless `databaseUrl` is given. `null` never sends. `obs.storage`
   * queries are refused under this option.
   */
  ingestUrl?: string | null;
  /** The server's OBSERVATORY_TOKEN, sent as a Bearer token. Default: OBSERVATORY_INGEST_TOKEN. */
  ingestToken?: string;
  /** How long one POST may take before it is abandoned and retried. Default 30,000 ms. */
  ingestTimeoutMs?: number;
  /** false turns every recording method into a no-op. Default: true, or OBSERVATORY_ENABLED=false. */
  enabled?: boolean;
  /** false stores no prompt or response text. Default true. */
  capturePrompts?: boolean;
  /** Secret redaction for stored texts: true (built-in patterns, default), false, or your own function. */
  redact?: boolean | ((text: string) => string);
  /** Stored texts longer than this are cut (with a marker). Default 200,000 characters. */
  maxTextChars?: number;
  /** Receives every error Observatory swallows to protect the host app. Default: a console warning. */
  onError?: (error: unknown) => void;
  /** Throw validation and state errors from the recording methods instead of reporting them. For tests. */
  strict?: boolean;
  /**
   * Your own prices (US dollars per million tokens), which win over the price table; a
   * model may have a list of prices, each with the date it took effect (`from`).
   */
  customPrices?: CustomPrices;
  /** Items per write transaction at most (default 1000); a write starts once a quarter of this waits. */
  batchSize?: number;
  /**
   * Write an embedded SQLite store (the default libSQL driver, a file) on a worker thread,
   * so its statements, COMMITs and checkpoints never hold up your event loop. Default false:
   * on 2 cores the thread cost 22–34 MB more memory and a higher p99.9 per call than writing
   * on your thread (BENCHMARKS.md); it keeps your event loop's p99 delay within 1–2 ms of
   * an app without Observatory (+8–10 ms on your thread). The `sqlite3` driver and PostgreSQL ignore it: they always wait
   * off your thread.
   */
  writerThread?: boolean;
  /**
   * Longest a recorded call waits before being written. Default 1,000 ms (the dashboard's
   * Live page refreshes every second). Each write is a transaction of ~1 ms of CPU however
   * few calls it holds, so at 10 calls a second 500 ms cost ~140 µs more a call
   * (BENCHMARKS.md, "Thirteenth session"). Lower it for fresher data, raise it for less CPU;
   * a crash (not an exit or a signal, which flush) loses at most this long of calls.
   */
  flushIntervalMs?: number;
  /** Items held in memory before new calls are refused. Default 200,000. */
  maxQueueSize?: number;
  /** Longest wait between retries of a failed write. Default 5,000 ms. */
  maxRetryDelayMs?: number;
  /**
   * How long `flush()`, `close()` and the exit hooks wait for pending writes. What is still
   * unwritten then goes to the disk spool (written by a later attempt or the next run) and
   * is reported through `onError`. Default 15,000 ms.
   */
  closeTimeoutMs?: number;
  /**
   * Folder for the disk spool that holds calls while the database is away (replayed when it
   * is back, also by the next run). Default `.observatory/spool/<database hash>` under the
   * working directory; `false` keeps everything in memory.
   */
  spoolDir?: string | false;
  /** Also emit each recorded call as an OpenTelemetry GenAI span through your own tracer. */
  openTelemetry?: OpenTelemetryExport;
  /**
   * Metadata keys to roll up like models and agents (e.g. `['tenantId', 'userId']`), so cost
   * per tenant or user answers from rollups: named in the store when it opens (calls already
   * stored are added once), kept by every writer of that store from then on. Letters,
   * digits, `_` and `-`. Keys can also be named in the dashboard's Settings.
   */
  rollupMetadataKeys?: string[];
  /** Flush on beforeExit / SIGTERM / SIGINT. Default true. */
  flushOnExit?: boolean;
}
