/**
 * USD prices per million tokens, per model (research/analysis.md §4, checked 2026-11-28).
 * Cache writes are the 5-minute kind (1.25x input); reads 0.1x. Message Batches cost half of
 * everything. A model not listed here has no price: its usage is recorded as tokens only.
 * Pure.
 */

export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
  /** Above this many prompt tokens, `long` prices apply (Haiku 5.5's 100k tier). */
  longAbove?: number;
  long?: { input: number; output: number; cacheWrite: number; cacheRead: number };
}

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-haiku-5-5': {
    input: 0.1,
    output: 0.5,
    cacheWrite: 0.125,
    cacheRead: 0.01,
    longAbove: 100_000,
    long: { input: 0.5, output: 2.5, cacheWrite: 0.625, cacheRead: 0.05 },
  },
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.4 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-opus-4-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
};

export type CallMode = 'live' | 'batch';

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * The price of `model`, also for dated ids ("claude-haiku-4-5-20251001" prices as
 * "claude-haiku-4-5"). Undefined when unknown.
 */
export function priceOf(model: string): ModelPrice | undefined {
  if (PRICES[model]) return PRICES[model];
  const base = Object.keys(PRICES)
    .filter((id) => model.startsWith(`${id}-`))
    .sort((a, b) => b.length - a.length)[0];
  return base ? PRICES[base] : undefined;
}

/** USD of one call's usage, or null when the model has no price. */
export function costUsd(usage: TokenUsage, model: string, mode: CallMode): number | null {
  const price = priceOf(model);
  if (!price) return null;
  const promptTokens = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
  const p = price.long && price.longAbove !== undefined && promptTokens > price.longAbove ? price.long : price;
  const usd =
    (usage.input_tokens * p.input +
      usage.output_tokens * p.output +
      usage.cache_creation_input_tokens * p.cacheWrite +
      usage.cache_read_input_tokens * p.cacheRead) /
    1_000_000;
  return mode === 'batch' ? usd / 2 : usd;
}

/**
 * A pessimistic USD estimate of a call not yet made: the whole prompt priced as uncached
 * input (the cache may have expired) plus `outputTokens`. Null when the model has no price.
 */
export function estimateCallUsd(model: string, promptTokens: number, outputTokens: number, mode: CallMode): number | null {
  return costUsd({ input_tokens: promptTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, model, mode);
}
