/** Well-known providers. Any other lowercase provider id is accepted as well. */
export const ModelProvider = {
  OpenAI: 'openai',
  Anthropic: 'anthropic',
  Google: 'google',
  Mistral: 'mistral',
  Groq: 'groq',
  DeepSeek: 'deepseek',
  XAI: 'x-ai',
  AWSBedrock: 'aws-bedrock',
  Azure: 'azure',
  Ollama: 'ollama',
  Other: 'other',
} as const;
export type ModelProvider = (typeof ModelProvider)[keyof typeof ModelProvider] | (string & {});

/** Common agent roles, for `metadata.agentRole` or naming agents consistently. */
export const AgentRole = {
  Planner: 'planner',
  Researcher: 'researcher',
  Analyzer: 'analyzer',
  Reviewer: 'reviewer',
  Fixer: 'fixer',
  Writer: 'writer',
  Router: 'router',
  Judge: 'judge',
  Tool: 'tool',
  Other: 'other',
} as const;
export type AgentRole = (typeof AgentRole)[keyof typeof AgentRole];

/** The user's own routing choice for a call; Observatory only records it. */
export interface RoutingDecision {
  chosenModel: string;
  alternativeModels: string[];
  /** Score the router gave each model it considered. */
  modelScores: Record<string, number>;
  reasoning: string;
  /** Dollars saved versus the alternative the router would otherwise have used. */
  estimatedCostSavings?: number;
}

/** The user's own prompt-cache lookup for a call. */
export interface CacheMetadata {
  cacheHit: boolean;
  cacheKey?: string;
  cacheClusterId?: string;
}

/** The user's own judge verdict on a call. */
export interface QualityEvaluation {
  /** 0..10 */
  judgeScore: number;
  reasoning?: string;
  hallucinationFlag: boolean;
  factualError: boolean;
  /** 0..1 */
  confidence?: number;
  errorCategory?: string;
  suggestions: string[];
}

/** Where token counts came from. */
export type UsageSource = 'reported' | 'estimated' | 'missing';
/** Where the cost came from. */
export type CostSource = 'price_table' | 'custom' | 'user' | 'unknown';

/** One recorded LLM call, as stored in `llm_calls`. Token rule: see normalize-usage.ts. */
export interface LLMCall {
  id: string;
  sessionId: string;
  projectName: string;
  timestamp: Date;
  provider: string;
  modelName: string;
  /** Total input tokens, including cache reads and cache writes. */
  promptTokens: number;
  /** Output tokens, including reasoning tokens. */
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  /** Part of cacheWriteTokens written with a 1-hour lifetime (Anthropic), priced at its own rate. */
  cacheWrite1hTokens: number;
  reasoningTokens: number;
  latencyMs: number;
  ttftMs: number | null;
  /** US dollars. */
  totalCost: number;
  costSource: CostSource;
  usageSource: UsageSource;
  agentName: string | null;
  operationName: string | null;
  prompt: string | null;
  responseText: string | null;
  routingDecision: RoutingDecision | null;
  cacheMetadata: CacheMetadata | null;
  qualityEvaluation: QualityEvaluation | null;
  error: string | null;
  finishReason: string | null;
  parentId: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

/** What a call was and what it cost: the columns stored ahead of its texts. */
export type CallMeasures = Pick<
  LLMCall,
  | 'timestamp'
  | 'provider'
  | 'modelName'
  | 'agentName'
  | 'operationName'
  | 'promptTokens'
  | 'completionTokens'
  | 'cachedPromptTokens'
  | 'cacheWriteTokens'
  | 'reasoningTokens'
  | 'latencyMs'
  | 'ttftMs'
  | 'totalCost'
>;

/** A group of calls: a workflow run, a request, a graph run. Totals are sums over its calls. */
export interface Session {
  id: string;
  projectName: string;
  operationType: string;
  startTime: Date;
  endTime: Date | null;
  /** US dollars. */
  totalCost: number;
  totalTokens: number;
  totalLlmCalls: number;
  totalLatencyMs: number;
  /** null while the session is open (`endTime` null), and on a session ended as cancelled. */
  success: boolean | null;
  error: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}
