/**
 * The arithmetic of the adaptive limiter, as pure functions of headers, time and chance.
 * Header names: docs.anthropic.com rate limits; anthropics/anthropic-sdk-typescript#357.
 */

export type HeaderGetter = (name: string) => string | null;

/**
 * How long the server asked us to wait: retry-after-ms, else retry-after in seconds or as an
 * HTTP date. Undefined when neither is present or parseable. Never negative.
 */
export function retryAfterMs(header: HeaderGetter, nowMs: number): number | undefined {
  const ms = header('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = header('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

const BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

/**
 * When a rate-limit bucket reports nothing remaining, the ms until its reset (RFC 3339), so
 * the limiter pauses instead of collecting 429s. 0 when every bucket has room.
 */
export function exhaustedBucketWaitMs(header: HeaderGetter, nowMs: number): number {
  let wait = 0;
  for (const bucket of BUCKETS) {
    const remaining = header(`anthropic-ratelimit-${bucket}-remaining`);
    if (remaining === null || Number(remaining) > 0) continue;
    const reset = Date.parse(header(`anthropic-ratelimit-${bucket}-reset`) ?? '');
    // A bucket at zero with no usable reset: back off a second rather than not at all.
    wait = Math.max(wait, Number.isNaN(reset) ? 1000 : Math.max(0, reset - nowMs));
  }
  return wait;
}

/** Exponential backoff for attempt n (0-based): 500 ms·2ⁿ capped at 8 s, minus up to 25% jitter. */
export function backoffMs(attempt: number, random: number): number {
  const base = Math.min(8000, 500 * 2 ** attempt);
  return Math.round(base * (1 - 0.25 * random));
}

/** Additive increase: one more slot per two successes, up to `max`. */
export function afterSuccess(limit: number, max: number): number {
  return Math.min(max, limit + 0.5);
}

/** Multiplicative decrease on a capacity signal (429, 529): halve, never below one. */
export function afterThrottle(limit: number): number {
  return Math.max(1, limit / 2);
}
