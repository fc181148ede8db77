/**
 * What every connection to a SQLite store runs first, whichever driver and thread opened it.
 * WAL lets the dashboard read while the writer writes; synchronous=NORMAL in WAL mode
 * survives a process crash (only an OS crash can lose the last commits). `:memory:` has no WAL.
 */
export function sqlitePragmas(path: string, busyTimeoutMs: number): string {
  return [
    `pragma busy_timeout = ${busyTimeoutMs}`,
    ...(path === ':memory:' ? [] : ['pragma journal_mode = wal', 'pragma synchronous = normal']),
    'pragma foreign_keys = on',
  ].join('; ');
}
