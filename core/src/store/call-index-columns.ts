// The lists of a call's columns that several queries read.

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

/** The columns a session's step is read from. */
export const SESSION_STEP_COLUMNS = ['id', 'parent_id', 'total_tokens', ...CALL_MEASURE_COLUMNS];
