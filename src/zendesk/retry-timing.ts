/**
 * Pure timing rules of the Zendesk client: how long to back off, how to read Retry-After and the
 * rate-limit headers. No clocks, no I/O: `now` and `random` are parameters so tests use literals.
 */

/** Reads a header by (case-insensitive) name; `Headers.get` fits. */
export type HeaderLookup = (name: string) => string | null;

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

/** What a response says about the budget left in its rate-limit window. */
export interface RateLimitInfo {
  /** Requests left in the current window. */
  remaining: number;
  /** Size of the window's budget, when the response says. */
  limit?: number;
  /** Milliseconds until the window resets, when the response says. */
  resetMs?: number;
}

/**
 * Reads the tightest budget any of Zendesk's rate-limit headers report, or undefined when there
 * are none. Zendesk sends several families at once (developer.zendesk.com rate-limits page):
 * `ratelimit-limit/remaining/reset` (IETF draft, reset in seconds), `X-Rate-Limit` and
 * `X-Rate-Limit-Remaining`, and per-endpoint `zendesk-ratelimit-<name>: total=N; remaining=N;
 * resets=S` (e.g. zendesk-ratelimit-incremental-exports). The smallest `remaining` wins.
 */
export function parseRateLimit(get: HeaderLookup, endpointHeaders: readonly string[] = []): RateLimitInfo | undefined {
  const candidates: RateLimitInfo[] = [];
  const ietfRemaining = toNumber(get('ratelimit-remaining'));
  if (ietfRemaining !== undefined) {
    const reset = toNumber(get('ratelimit-reset'));
    candidates.push({ remaining: ietfRemaining, limit: toNumber(get('ratelimit-limit')), resetMs: reset === undefined ? undefined : reset * 1000 });
  }
  const legacyRemaining = toNumber(get('x-rate-limit-remaining'));
  if (legacyRemaining !== undefined) candidates.push({ remaining: legacyRemaining, limit: toNumber(get('x-rate-limit')) });
  for (const name of endpointHeaders) {
    const parsed = parseZendeskRateLimitHeader(get(name));
    if (parsed) candidates.push(parsed);
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => a.remaining - b.remaining);
  const tightest = candidates[0]!;
  // Another family may know the reset time the tightest one left out.
  const resetMs = tightest.resetMs ?? candidates.find((c) => c.resetMs !== undefined)?.resetMs;
  return { ...tightest, resetMs };
}

/** Parses `total=10; remaining=9; resets=2` (the order and spacing vary). */
export function parseZendeskRateLimitHeader(value: string | null): RateLimitInfo | undefined {
  if (!value) return undefined;
  const fields = new Map<string, number>();
  for (const part of value.split(/[;,]/)) {
    const [key, raw] = part.split('=').map((s) => s.trim().toLowerCase());
    const n = toNumber(raw ?? null);
    if (key && n !== undefined) fields.set(key, n);
  }
  const remaining = fields.get('remaining');
  if (remaining === undefined) return undefined;
  const resets = fields.get('resets');
  return { remaining, limit: fields.get('total'), resetMs: resets === undefined ? undefined : resets * 1000 };
}

function toNumber(value: string | null | undefined): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
