/**
 * Roughly how many tokens a text is for a GPT-4o / Claude-class tokenizer: about four
 * characters of English per token. Good enough for simulated usage, not for billing.
 */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.round(text.length / 4));
}
