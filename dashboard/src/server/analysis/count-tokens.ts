import { getEncoding, type Tiktoken, type TiktokenEncoding } from 'js-tiktoken';

const encoders = new Map<TiktokenEncoding, Tiktoken>();

export interface TokenCount {
  tokens: number;
  encoding: TiktokenEncoding;
  /** True when the model's own tokenizer is not public and an OpenAI encoding stands in for it. */
  approximate: boolean;
}

/**
 * The encoding a model uses: o200k_base for GPT-4o, GPT-4.1, GPT-5 and the o-series,
 * cl100k_base for older OpenAI models. Anthropic, Google and others publish no tokenizer
 * for their current models, so cl100k_base stands in (usually within ~10–20%).
 */
export function encodingForModel(model: string): { encoding: TiktokenEncoding; approximate: boolean } {
  const name = model.toLowerCase();
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o)/.test(name))
    return { encoding: 'o200k_base', approximate: false };
  if (/^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada)/.test(name))
    return { encoding: 'cl100k_base', approximate: false };
  return { encoding: 'cl100k_base', approximate: true };
}

/** Count tokens with js-tiktoken's bundled ranks (no network); encoders are built once. */
export function countTokens(text: string, model: string): TokenCount {
  const { encoding, approximate } = encodingForModel(model);
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = getEncoding(encoding);
    encoders.set(encoding, encoder);
  }
  return { tokens: encoder.encode(text, [], []).length, encoding, approximate };
}
