/**
 * Pure timing rules every HTTP client here shares (Zendesk, alert webhooks): how long to back off
 * and how to read Retry-After. No clocks, no I/O: `now` and `random` are parameters so tests use
 * literals.
 */

/**
 * Delay before retry number `attempt` (1 = first retry), in ms: "full jitter" exponential backoff
 * (AWS architecture blog, "Exponential Backoff And Jitter"), so many clients that failed together
 * do not retry together. Never more than `capMs`, never less than 1 ms.
 */
export function backoffDelayMs(attempt: number, baseMs: number, capMs: number, random: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling * random));
}

/**
 * Retry-After as milliseconds from `nowMs`, or undefined when absent or unreadable.
 * Accepts delta-seconds (RFC 9110; fractions allowed, which the fake server uses to keep tests
 * fast) and HTTP-dates. A date in the past means "now" (0).
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
