// Columns the calls' indexes hold: the migrations build the indexes from these lists and
// the queries read the same lists, so a query keeps to what its index covers.

/** The columns ahead of the texts that say what a call was and what it cost (`readCallMeasures` reads a row of them). */
export const CALL_MEASURE_COLUMNS = [
  'timestamp',
  'model_provider',
  'model_name',
  'agent_name',
  'operation_name',
  'prompt_tokens',
  'completion_tokens',
  'cached_prompt_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'latency_ms',
  'ttft_ms',
  'total_cost',
];

/** The columns a step is read from; on SQLite one index holds them all (migration 0013). */
export const SESSION_STEP_COLUMNS = ['id', 'parent_id', 'total_tokens', ...CALL_MEASURE_COLUMNS];

/**
 * SQLite: the columns a window's sums read, kept in the index of calls by time (migration
 * 0015), so a busy hour is summed from the index alone: SQLite keeps a call's row whole,
 * prompt included, and 13,000 rows took 160 ms to visit.
 */
export const WINDOW_ACTIVITY_COLUMNS = [
  'timestamp',
  'project_name',
  'agent_name',
  'latency_ms',
  'total_cost',
  'prompt_tokens',
  'completion_tokens',
] as const;
export const WINDOW_ACTIVITY_INDEX = 'llm_calls_window_idx';
