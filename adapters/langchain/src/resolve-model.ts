/**
 * LangChain's `ls_provider` values (and a few class-derived spellings) mapped to the
 * provider names Observatory uses elsewhere (`ModelProvider` in core), so one provider is
 * one row in the dashboard whichever SDK recorded it.
 */
const PROVIDER_ALIASES: Record<string, string> = {
  openai: 'openai',
  azure: 'azure',
  azure_openai: 'azure',
  azureopenai: 'azure',
  anthropic: 'anthropic',
  google: 'google',
  google_genai: 'google',
  google_vertexai: 'google',
  googlegenerativeai: 'google',
  googlegenai: 'google',
  vertexai: 'google',
  bedrock: 'aws-bedrock',
  amazon_bedrock: 'aws-bedrock',
  bedrockconverse: 'aws-bedrock',
  mistral: 'mistral',
  mistralai: 'mistral',
  groq: 'groq',
  deepseek: 'deepseek',
  xai: 'x-ai',
  ollama: 'ollama',
};

/**
 * The model name of a run: the model that answered (`response_metadata.model_name`, or
 * Anthropic's older `model`: often a dated snapshot of the alias asked for, and priced as
 * itself), else what was requested (`invocation_params.model`, then `metadata.ls_model_name`),
 * else 'unknown'.
 */
export function resolveModelName(
  requested: string | undefined,
  responseMetadata: Record<string, unknown> | null | undefined,
): string {
  return text(responseMetadata?.model_name) || text(responseMetadata?.model) || requested || 'unknown';
}

/** The requested model of a run, from its start callback's extra params and metadata. */
export function readRequestedModel(
  extraParams: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> | undefined,
): string | undefined {
  const invocation = extraParams?.invocation_params as Record<string, unknown> | undefined;
  return text(invocation?.model) || text(metadata?.ls_model_name) || undefined;
}

/**
 * Normalise a provider name. Partner packages set `ls_provider` to a lowercase id
 * ('openai', 'google_genai'); models that do not override it get their class name minus a
 * leading "Chat" ('FakeListChatModel', 'OpenAI'). Class-derived names lose their model-type
 * suffix and are lowercased ('FakeListChatModel' → 'fakelist', 'MistralAI' → 'mistral').
 * Returns undefined for an empty value.
 */
export function normalizeProvider(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const lower = raw.toLowerCase();
  const alias = PROVIDER_ALIASES[lower];
  if (alias) return alias;
  if (raw === lower) return lower;
  const stripped = raw
    .replace(/^Chat(?=[A-Z])/, '')
    .replace(/(ChatModel|Chat|LLM|Model)$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
  const name = stripped || lower.replace(/[^a-z0-9_-]/g, '');
  return PROVIDER_ALIASES[name] ?? (name || undefined);
}

/** The provider of a run: `ls_provider`, else the response's `model_provider`, else the model's class name. */
export function resolveProvider(
  lsProvider: unknown,
  responseMetadata: Record<string, unknown> | null | undefined,
  className: string | undefined,
): string {
  return (
    normalizeProvider(lsProvider) ??
    normalizeProvider(responseMetadata?.model_provider) ??
    normalizeProvider(className) ??
    'unknown'
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
