import type { Clock } from '../clock.js';
import { AuthError, IssuetrackError, UnavailableError } from '../errors.js';
import { sleep } from '../sleep.js';
import type { AuthProvider } from './auth.js';
import { zendeskErrorMessage } from './error-message.js';
import type { RateLimiter } from './rate-limiter.js';
import { backoffDelayMs, parseRetryAfterMs } from '../retry-timing.js';
import { parseRateLimit } from './retry-timing.js';
import { jsonWithoutNul } from '../text/json-without-nul.js';

/**
 * The one place HTTP happens for Zendesk: plain fetch, not node-zendesk. research/zendesk.md §2
 * verified that node-zendesk 6 builds a wrong cursor-export query, stops incremental paging after
 * one page, returns (not throws) 429s, and spreads the API token into fetch's init; what would be
 * left of it is a URL prefix and a header, so owning ~150 lines of fetch is the smaller risk.
 */

export interface HttpOptions {
  baseUrl: string; // https://acme.zendesk.com
  auth: AuthProvider | undefined;
  limiter: RateLimiter;
  clock: Clock;
  /** Per attempt, covering headers and body. */
  timeoutMs: number;
  /** Attempts for 5xx, timeouts, resets and malformed JSON before UnavailableError. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive 429s on one request before giving up (each waits Retry-After). */
  max429s: number;
  random: () => number;
}

export interface RequestSpec {
  method?: 'GET' | 'POST';
  /** Absolute URL on the same host, or a path starting with /api/ or /oauth/. */
  url: string;
  body?: unknown;
  /** Rate-limit bucket; Zendesk counts incremental exports apart from the rest. */
  bucket: string;
  /** Send the Authorization header (false only for POST /oauth/tokens). */
  authenticate?: boolean;
  /** Return 404 as a response instead of throwing. */
  allowNotFound?: boolean;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

/** Counters of what the transport went through, for the run's result. */
export interface HttpStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

const ENDPOINT_LIMIT_HEADERS = ['zendesk-ratelimit-incremental-exports', 'zendesk-ratelimit-tickets-index'];

/** A Zendesk HTTP transport with retries, rate limiting and error translation. */
export class ZendeskHttp {
  readonly stats: HttpStats = { requests: 0, retries: 0, rateLimited: 0 };
  readonly host: string;
  readonly #o: HttpOptions;

  constructor(options: HttpOptions) {
    this.#o = options;
    this.host = new URL(options.baseUrl).host;
  }

  /**
   * Sends one request and returns its parsed JSON. Retries 5xx, timeouts, connection failures
   * and malformed JSON with capped exponential backoff and jitter; waits Retry-After on 429;
   * refreshes an OAuth token once on 401. Throws AuthError (401/403), UnavailableError (past the
   * retry cap), IssuetrackError (other 4xx), or the signal's reason unchanged on abort.
   */
  async request(spec: RequestSpec, signal: AbortSignal): Promise<JsonResponse> {
    const o = this.#o;
    let parsed = new URL(spec.url.startsWith('http') ? spec.url : `${o.baseUrl}${spec.url}`);
    // Paging links come from the response. Our credentials never go to another origin: a link
    // naming one (a proxy or stand-in that reports another host) is asked of the configured
    // host instead, path and query unchanged.
    const base = new URL(o.baseUrl);
    if (parsed.origin !== base.origin) parsed = new URL(`${parsed.pathname}${parsed.search}`, base.origin);
    const url = parsed.href;
    const what = `${spec.method ?? 'GET'} ${parsed.pathname}`;
    let failures = 0;
    let throttled = 0;
    let refreshed = false;
    for (;;) {
      await o.limiter.acquire(spec.bucket, signal);
      const authorization = spec.authenticate !== false && o.auth ? await o.auth.authorization(signal) : undefined;
      let status = 0;
      let text = '';
      let headers: Headers | undefined;
      let failure: string;
      this.stats.requests++;
      const attempt = attemptSignal(signal, o.timeoutMs);
      try {
        const response = await fetch(url, {
          method: spec.method ?? 'GET',
          headers: {
            accept: 'application/json',
            ...(authorization ? { authorization } : {}),
            ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: attempt.signal,
        });
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        failure = attempt.timedOut() ? `no answer within ${o.timeoutMs} ms` : describeNetworkError(error);
        failures = await this.#backoff(failures, `${what} on ${this.host}: ${failure}`, signal, error);
        continue;
      } finally {
        attempt.dispose();
      }
      o.limiter.observe(spec.bucket, parseRateLimit((n) => headers!.get(n), ENDPOINT_LIMIT_HEADERS));
      const retryAfter = parseRetryAfterMs(headers.get('retry-after'), o.clock.now());

      if (status === 429) {
        this.stats.rateLimited++;
        if (++throttled > o.max429s) {
          throw new UnavailableError(`Zendesk kept rate-limiting ${what} on ${this.host} (429 ${throttled} times): ${zendeskErrorMessage(text)}`);
        }
        // All three 429 bodies (JSON, plain text, edge protection) carry Retry-After; without one, back off.
        o.limiter.pause(spec.bucket, retryAfter ?? backoffDelayMs(throttled, o.baseDelayMs, o.maxDelayMs, o.random()));
        continue;
      }
      if (status === 401 && authorization && o.auth && !refreshed && o.auth.invalidate(authorization)) {
        refreshed = true;
        continue;
      }
      if (status === 401 || status === 403) {
        throw new AuthError(`Zendesk rejected the credentials (${status} from ${this.host}): ${zendeskErrorMessage(text)}`);
      }
      if (status === 404 && spec.allowNotFound) return { status, body: undefined };
      if (status >= 500 || status === 408) {
        if (retryAfter !== undefined) o.limiter.pause(spec.bucket, retryAfter);
        failures = await this.#backoff(failures, `${what} on ${this.host}: ${status} ${zendeskErrorMessage(text)}`, signal, undefined, retryAfter !== undefined);
        continue;
      }
      if (status < 200 || status >= 300) {
        throw new IssuetrackError(`Zendesk answered ${status} to ${what} on ${this.host}: ${zendeskErrorMessage(text)}`);
      }
      try {
        return { status, body: JSON.parse(jsonWithoutNul(text)) as unknown };
      } catch (error) {
        failures = await this.#backoff(failures, `${what} on ${this.host}: malformed JSON (${text.length} bytes)`, signal, error);
      }
    }
  }

  /** Counts a transient failure and sleeps before the next attempt; throws past the cap. */
  async #backoff(failures: number, description: string, signal: AbortSignal, cause?: unknown, paused = false): Promise<number> {
    const o = this.#o;
    const next = failures + 1;
    if (next >= o.maxAttempts) {
      throw new UnavailableError(`Zendesk unavailable after ${next} attempts: ${description}`, { cause });
    }
    this.stats.retries++;
    // A Retry-After already paused the bucket; acquire() will wait for it.
    if (!paused) await sleep(backoffDelayMs(next, o.baseDelayMs, o.maxDelayMs, o.random()), signal);
    return next;
  }
}

/**
 * A signal for one attempt: aborts with the run's signal or after `timeoutMs`. Built by hand
 * rather than with AbortSignal.any, whose followers of a long-lived signal Node 20 frees late;
 * over 100k requests that shows in RSS. `dispose()` must run in a finally.
 */
function attemptSignal(run: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(run.reason);
  run.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      run.removeEventListener('abort', onAbort);
    },
  };
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `connection failed (${cause.code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}
