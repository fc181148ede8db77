/**
 * Every migration's name, in order, as the store records it in `observatory_migrations`.
 * Plain data, so the writer thread can tell a store is current without loading MikroORM.
 */
export const MIGRATION_NAMES = [
  '0001-initial-schema',
  '0002-dashboard-settings',
  '0003-daily-rollups',
  '0004-calls-by-time',
  '0005-sessions-by-project-outcome',
  '0006-call-text-search',
  '0007-calls-by-session-time',
  '0008-failed-calls-by-session',
  '0009-calls-with-prompt-variant',
  '0010-sessions-by-sort-and-status',
  '0011-failed-calls-by-time',
  '0012-metadata-rollups',
  '0013-session-steps-index',
  '0014-sessions-sort-covering-indexes',
  '0015-calls-window-index',
  '0016-one-hour-cache-writes',
  '0017-call-texts-table',
  '0018-latency-histogram-columns',
  '0019-calls-time-latency-index',
  '0020-binary-ids',
  '0021-calls-by-model-agent-from-rollups',
] as const;
