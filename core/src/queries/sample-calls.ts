import type { Knex } from '@mikro-orm/knex';
import type { CacheMetadata, QualityEvaluation, RoutingDecision } from '../models.js';
import { CALL_MEASURE_COLUMNS } from '../store/call-index-columns.js';
import { metadataKeyPresent } from '../store/metadata-key-present.js';
import { dialectOf } from '../store/store-dialect.js';
import { clampLimit } from './filters.js';
import { parseJson, readCallMeasures, toDate } from './read-row-values.js';

/** Which recorded decision a sampled call must carry. */
export type SampleRequirement = 'routing' | 'cache' | 'quality' | 'prompt' | 'error';

export interface CallSampleQuery {
  projectName?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  provider?: string;
  modelName?: string;
  agentName?: string;
  operationName?: string;
  /** Only calls that carry this (a routing decision, cache metadata, a judge verdict, a prompt, an error). */
  require?: SampleRequirement;
  /** Only calls whose metadata has this top-level key (e.g. `promptVariant`). Letters, digits, `_` and `-`. */
  metadataKey?: string;
  /** Include the prompt, cut to this many characters (0 or absent: no prompt). */
  promptChars?: number;
  /**
   * With promptChars: also the prompt's last this-many characters beyond those (`promptTail`)
   * and its length, for prompts whose distinct part comes after a long shared preamble.
   */
  promptTailChars?: number;
  /** Include the response, cut to this many characters. */
  responseChars?: number;
  /** Rows returned, newest first. Default 500, at most 10,000. */
  limit?: number;
  /**
   * How many of the newest calls in range are examined at most. Bounds the cost when the
   * required field is rare: the sample is "matching calls among the newest N". Default 50,000.
   */
  scanLimit?: number;
}

/** A call without its heavy text (unless asked for), as samples return it. */
export interface CallSample {
  id: string;
  sessionId: string;
  projectName: string;
  timestamp: Date;
  provider: string;
  modelName: string;
  agentName: string | null;
  operationName: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  latencyMs: number;
  ttftMs: number | null;
  totalCost: number;
  error: string | null;
  finishReason: string | null;
  routingDecision: RoutingDecision | null;
  cacheMetadata: CacheMetadata | null;
  qualityEvaluation: QualityEvaluation | null;
  metadata: Record<string, unknown> | null;
  prompt?: string | null;
  /** promptTailChars: the prompt's end past the `promptChars` read (null when it fits in them). */
  promptTail?: string | null;
  /** promptTailChars: the whole prompt's length in characters. */
  promptLength?: number | null;
  responseText?: string | null;
}

export interface CallSampleResult {
  calls: CallSample[];
  /** Start of the examined window: calls older than this were not looked at (null: the whole range was). */
  scannedFrom: Date | null;
}

const REQUIRED_COLUMN: Record<Exclude<SampleRequirement, 'prompt'>, string> = {
  routing: 'routing_decision',
  cache: 'cache_metadata',
  quality: 'quality_evaluation',
  error: 'error',
};

/** One value of a call's texts (in `llm_call_texts`, by the call's id), as an expression of its row. */
const ofTexts = (expression: string) => `(select ${expression} from llm_call_texts t where t.id = llm_calls.id)`;

const COLUMNS = [
  'id',
  'session_id',
  'project_name',
  ...CALL_MEASURE_COLUMNS,
  'error',
  'finish_reason',
  'routing_decision',
  'cache_metadata',
  'quality_evaluation',
  'metadata',
];

/**
 * A bounded sample of recent calls, newest first, for the analyses rollups cannot answer
 * (clustering prompts, reading routing decisions and judge verdicts). Two index range
 * scans on (project_name, timestamp): one to find where the newest `scanLimit` calls
 * start, one to read the matching rows, so the cost never grows with the table.
 */
export async function sampleCalls(knex: Knex, query: CallSampleQuery): Promise<CallSampleResult> {
  const limit = clampLimit(query.limit, 500);
  const scanLimit = clampLimit(query.scanLimit, 50_000, 1_000_000);
  const dialect = dialectOf(knex);
  const hasKey = query.metadataKey === undefined ? undefined : metadataKeyPresent(dialect, query.metadataKey);
  const range = (builder: Knex.QueryBuilder, from: Date | undefined) => {
    if (query.projectName !== undefined) builder.where('project_name', query.projectName);
    if (from) builder.where('timestamp', '>=', from);
    if (query.to) builder.where('timestamp', '<', query.to);
    return builder;
  };

  // The timestamp of the scanLimit-th newest call in range: an index-only walk.
  const [boundary] = await range(knex('llm_calls'), query.from)
    .select('timestamp')
    .orderBy('timestamp', 'desc')
    .limit(1)
    .offset(Math.max(0, scanLimit - 1));
  const scannedFrom = boundary ? toDate(boundary.timestamp) : null;
  const from = scannedFrom && (!query.from || scannedFrom > query.from) ? scannedFrom : query.from;

  const columns: Array<string | Knex.Raw> = [...COLUMNS];
  if (query.promptChars) columns.push(knex.raw(`${ofTexts('substr(t.prompt, 1, ?)')} as prompt`, [query.promptChars]));
  if (query.promptChars && query.promptTailChars) {
    const [head, tail] = [query.promptChars, query.promptTailChars];
    // The last `tail` characters, never overlapping the `head` already read.
    columns.push(
      knex.raw(
        `${ofTexts('case when length(t.prompt) > ? then substr(t.prompt, case when length(t.prompt) - ? > ? then length(t.prompt) - ? + 1 else ? + 1 end) end')} as prompt_tail`,
        [head, tail, head, tail, head],
      ),
      knex.raw(`${ofTexts('length(t.prompt)')} as prompt_length`),
    );
  }
  if (query.responseChars)
    columns.push(knex.raw(`${ofTexts('substr(t.response_text, 1, ?)')} as response_text`, [query.responseChars]));
  const select = range(knex('llm_calls'), from)
    .select(columns)
    .orderBy('timestamp', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (query.provider !== undefined) select.where('model_provider', query.provider);
  if (query.modelName !== undefined) select.where('model_name', query.modelName);
  if (query.agentName !== undefined) select.where('agent_name', query.agentName);
  if (query.operationName !== undefined) select.where('operation_name', query.operationName);
  if (query.require === 'prompt')
    select.whereRaw('exists (select 1 from llm_call_texts t where t.id = llm_calls.id and t.prompt is not null)');
  else if (query.require) select.whereNotNull(REQUIRED_COLUMN[query.require]);
  if (hasKey !== undefined) {
    select.whereRaw(hasKey);
  }
  const rows: Array<Record<string, unknown>> = await select;
  return { calls: rows.map(toSample), scannedFrom: boundary ? scannedFrom : null };
}

function toSample(row: Record<string, unknown>): CallSample {
  const sample: CallSample = {
    ...readCallMeasures(row),
    id: String(row.id),
    sessionId: String(row.session_id),
    projectName: String(row.project_name),
    error: (row.error as string | null) ?? null,
    finishReason: (row.finish_reason as string | null) ?? null,
    routingDecision: parseJson(row.routing_decision) as RoutingDecision | null,
    cacheMetadata: parseJson(row.cache_metadata) as CacheMetadata | null,
    qualityEvaluation: parseJson(row.quality_evaluation) as QualityEvaluation | null,
    metadata: parseJson(row.metadata) as Record<string, unknown> | null,
  };
  if ('prompt' in row) sample.prompt = (row.prompt as string | null) ?? null;
  if ('prompt_tail' in row) sample.promptTail = (row.prompt_tail as string | null) ?? null;
  if ('prompt_length' in row) sample.promptLength = row.prompt_length == null ? null : Number(row.prompt_length);
  if ('response_text' in row) sample.responseText = (row.response_text as string | null) ?? null;
  return sample;
}
