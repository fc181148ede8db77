import { calcPrice, type Provider, type TieredPrices } from '@pydantic/genai-prices';
import { type CustomPrices, customPriceAt, type PricedUsage, priceWithCustom } from './custom-prices.js';
import type { CostSource } from './models.js';

export interface CallPrice {
  /** US dollars, rounded to 1e-12 to drop floating-point noise. */
  totalCost: number;
  costSource: CostSource;
}

/**
 * Dollars per million tokens of one model, probed from the price library. The library's
 * own `calcPrice` is the source of truth but costs ~25 µs a call, too slow for the record
 * path, so below the first tier (where the price is linear) a memoized rate card is used;
 * tiered usage and time-conditional prices go to the library every time.
 */
interface RateCard {
  perRequest: number;
  input: number;
  cacheRead: number;
  /** A 5-minute cache write (or the provider's only kind). */
  cacheWrite: number;
  cacheWrite1h: number;
  output: number;
  /** The card is exact only while total input tokens stay below this. */
  linearBelow: number;
  /** Provider narrowed to the one model, so the library's slow path skips the model search. */
  provider: Provider;
  modelId: string;
}

const PROBE_TOKENS = 1000;
/** provider → model → rate card (null: not in the price table). */
const rateCards = new Map<string, Map<string, RateCard | null>>();

/** Price a call: a user-given cost wins, then custom prices, then the price table; else 0 and 'unknown'. */
export function priceCall(
  provider: string,
  modelName: string,
  usage: PricedUsage,
  options: { userCost?: number | null; customPrices?: CustomPrices; timestamp?: Date } = {},
): CallPrice {
  if (options.userCost != null) return { totalCost: options.userCost, costSource: 'user' };

  const prices = options.customPrices?.[`${provider}:${modelName}`] ?? options.customPrices?.[modelName];
  const custom = prices && customPriceAt(prices, options.timestamp ?? new Date());
  if (custom) return { totalCost: roundDollars(priceWithCustom(custom, usage)), costSource: 'custom' };

  const card = findRateCard(provider, modelName);
  if (!card) return { totalCost: 0, costSource: 'unknown' };
  return { totalCost: roundDollars(priceWithCard(card, usage, options.timestamp)), costSource: 'price_table' };
}

function priceWithCard(card: RateCard, usage: PricedUsage, timestamp?: Date): number {
  if (usage.promptTokens >= card.linearBelow) {
    const result = calcPrice(toLibraryUsage(usage), card.modelId, { provider: card.provider, timestamp });
    return result?.total_price ?? 0;
  }
  const uncached = usage.promptTokens - usage.cachedPromptTokens - usage.cacheWriteTokens;
  const hourWrites = usage.cacheWrite1hTokens ?? 0;
  return (
    card.perRequest +
    (uncached * card.input +
      usage.cachedPromptTokens * card.cacheRead +
      (usage.cacheWriteTokens - hourWrites) * card.cacheWrite +
      hourWrites * card.cacheWrite1h +
      usage.completionTokens * card.output) /
      1e6
  );
}

/**
 * The library counts `input_tokens` as the total including cache reads and writes, as we
 * do, and `cache_write_1h_tokens` as the 1-hour part of `cache_write_tokens`.
 */
function toLibraryUsage(usage: PricedUsage): Record<string, number> {
  return {
    input_tokens: usage.promptTokens,
    cache_read_tokens: usage.cachedPromptTokens,
    cache_write_tokens: usage.cacheWriteTokens,
    cache_write_1h_tokens: usage.cacheWrite1hTokens ?? 0,
    output_tokens: usage.completionTokens,
  };
}

function findRateCard(provider: string, modelName: string): RateCard | null {
  let byModel = rateCards.get(provider);
  if (!byModel) {
    byModel = new Map();
    rateCards.set(provider, byModel);
  }
  let card = byModel.get(modelName);
  if (card === undefined) {
    card = probeRateCard(provider, modelName);
    byModel.set(modelName, card);
  }
  return card;
}

function probeRateCard(provider: string, modelName: string): RateCard | null {
  // Try the provider as given, then let the library infer it from the model name
  // (a LangChain fake provider or a proxy name still prices `gpt-4o` correctly).
  const found =
    calcPrice({ input_tokens: 0 }, modelName, { providerId: provider }) ?? calcPrice({ input_tokens: 0 }, modelName);
  if (!found) return null;
  const narrowed: Provider = { ...found.provider, models: [found.model] };
  const probe = (usage: Record<string, number>) =>
    calcPrice(usage, modelName, { provider: narrowed })?.total_price ?? 0;
  const perRequest = probe({});
  const rate = (usage: Record<string, number>) => ((probe(usage) - perRequest) * 1e6) / PROBE_TOKENS;
  return {
    perRequest,
    input: rate({ input_tokens: PROBE_TOKENS }),
    cacheRead: rate({ input_tokens: PROBE_TOKENS, cache_read_tokens: PROBE_TOKENS }),
    cacheWrite: rate({ input_tokens: PROBE_TOKENS, cache_write_tokens: PROBE_TOKENS }),
    cacheWrite1h: rate({
      input_tokens: PROBE_TOKENS,
      cache_write_tokens: PROBE_TOKENS,
      cache_write_1h_tokens: PROBE_TOKENS,
    }),
    output: rate({ output_tokens: PROBE_TOKENS }),
    // Time-conditional prices (off-peak rates, dated changes) are never memoized.
    linearBelow: Array.isArray(found.model.prices) ? 0 : firstTierStart(found.model_price),
    provider: narrowed,
    modelId: modelName,
  };
}

function firstTierStart(prices: Record<string, number | TieredPrices | undefined>): number {
  let start = Number.POSITIVE_INFINITY;
  for (const price of Object.values(prices)) {
    if (typeof price === 'object') {
      for (const tier of price.tiers) start = Math.min(start, tier.start);
    }
  }
  return start;
}

function roundDollars(dollars: number): number {
  return Math.round(dollars * 1e12) / 1e12;
}
