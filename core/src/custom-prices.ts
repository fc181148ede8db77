import { z } from 'zod';
import type { NormalizedUsage } from './normalize-usage.js';
import { type FieldIssue, ObservatoryValidationError } from './observatory-error.js';

/**
 * A price you set yourself, in US dollars per million tokens. Cache prices default to the
 * input price; a 1-hour cache write defaults to the (5-minute) cache write price.
 */
export interface CustomPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
  cacheWrite1hPerMTok?: number;
  /**
   * When this price took effect (an ISO date or a Date). A model may list several prices:
   * each call is priced at the one in effect when it was made, so a price change does not
   * rewrite the cost of calls made before it. A call made before every dated price gets the
   * undated one if there is one, else the price table.
   */
  from?: string | Date;
}

/**
 * Custom prices keyed by model name, or by `provider:model` to scope one to a provider;
 * one price, or a list of prices with the dates they took effect.
 */
export type CustomPrices = Record<string, CustomPrice | readonly CustomPrice[]>;

/** The counts that set a price; a usage without a 1-hour share (an estimate, a what-if) writes at the 5-minute rate. */
export type PricedUsage = Pick<
  NormalizedUsage,
  'promptTokens' | 'completionTokens' | 'cachedPromptTokens' | 'cacheWriteTokens'
> &
  Partial<Pick<NormalizedUsage, 'cacheWrite1hTokens'>>;

const perMTok = z.number().finite().nonnegative();
const customPriceSchema = z.object({
  inputPerMTok: perMTok,
  outputPerMTok: perMTok,
  cacheReadPerMTok: perMTok.optional(),
  cacheWritePerMTok: perMTok.optional(),
  cacheWrite1hPerMTok: perMTok.optional(),
  from: z
    .union([z.string(), z.date()])
    .refine((value) => !Number.isNaN(new Date(value).getTime()), 'not a valid date')
    .optional(),
});

/** Refuse custom prices that cannot price a call, naming the model, the field and the value. */
export function checkCustomPrices(prices: CustomPrices | undefined): void {
  if (prices === undefined) return;
  const issues: FieldIssue[] = [];
  const check = (price: unknown, path: string) => {
    const result = customPriceSchema.safeParse(price, { reportInput: true });
    for (const issue of result.error?.issues ?? []) {
      issues.push({ field: [path, ...issue.path.map(String)].join('.'), value: issue.input, message: issue.message });
    }
  };
  for (const [model, price] of Object.entries(prices)) {
    if (!Array.isArray(price)) check(price, `customPrices.${model}`);
    else for (const [i, each] of price.entries()) check(each, `customPrices.${model}.${i}`);
  }
  if (issues.length > 0) throw new ObservatoryValidationError('customPrices', issues);
}

/** The price in effect at `at`: the latest dated one from before it, else the undated one. */
export function customPriceAt(prices: CustomPrice | readonly CustomPrice[], at: Date): CustomPrice | undefined {
  const list: readonly CustomPrice[] = Array.isArray(prices) ? prices : [prices as CustomPrice];
  let chosen: CustomPrice | undefined;
  let chosenFrom = Number.NEGATIVE_INFINITY;
  for (const price of list) {
    const from = price.from === undefined ? Number.NEGATIVE_INFINITY : new Date(price.from).getTime();
    if (from <= at.getTime() && (chosen === undefined || from >= chosenFrom)) {
      chosen = price;
      chosenFrom = from;
    }
  }
  return chosen;
}

/** Dollars of one call at a custom price. */
export function priceWithCustom(price: CustomPrice, usage: PricedUsage): number {
  const uncached = usage.promptTokens - usage.cachedPromptTokens - usage.cacheWriteTokens;
  const cacheWrite = price.cacheWritePerMTok ?? price.inputPerMTok;
  const hourWrites = usage.cacheWrite1hTokens ?? 0;
  return (
    (uncached * price.inputPerMTok +
      usage.cachedPromptTokens * (price.cacheReadPerMTok ?? price.inputPerMTok) +
      (usage.cacheWriteTokens - hourWrites) * cacheWrite +
      hourWrites * (price.cacheWrite1hPerMTok ?? cacheWrite) +
      usage.completionTokens * price.outputPerMTok) /
    1e6
  );
}
