import { getEncoding, type Tiktoken } from 'js-tiktoken';

/** The encoding used for every estimate: GPT-4o's. Other models tokenise differently; this is an estimate. */
export const ESTIMATE_ENCODING = 'o200k_base';

let encoder: Tiktoken | undefined;

/**
 * Count the tokens of `text` with the o200k_base tokenizer (bundled ranks, no network).
 * Used only when a provider reported no usage. The encoder is built on first use, which
 * takes about half a second once per process.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  encoder ??= getEncoding(ESTIMATE_ENCODING);
  // Special-token text such as "<|endoftext|>" in a prompt is counted as plain text
  // instead of throwing, as the provider would see it.
  return encoder.encode(text, [], []).length;
}
