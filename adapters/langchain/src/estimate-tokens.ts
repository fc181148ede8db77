import { createRequire } from 'node:module';
import type { Tiktoken } from 'js-tiktoken/lite';

/** The encoding used for every estimate: GPT-4o's. Other models tokenise differently; this is an estimate. */
export const ESTIMATE_ENCODING = 'o200k_base';

const require = createRequire(import.meta.url);
let encoder: Tiktoken | undefined;

/**
 * Count the tokens of `text` with the o200k_base tokenizer (bundled ranks, no network).
 * Used only when a provider reported no usage. The tokenizer is loaded on first use, and
 * only its one table of ranks: js-tiktoken's main entry holds every encoding's ranks, about
 * 40 MB of the host's memory for an app whose provider always reports usage. Loading and
 * building it takes about half a second, once per process.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  if (!encoder) {
    const { Tiktoken } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite');
    encoder = new Tiktoken(require('js-tiktoken/ranks/o200k_base'));
  }
  // Special-token text such as "<|endoftext|>" in a prompt is counted as plain text
  // instead of throwing, as the provider would see it.
  return encoder.encode(text, [], []).length;
}
