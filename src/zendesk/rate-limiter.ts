import type { Clock } from '../clock.js';
import { sleep } from '../sleep.js';
import type { RateLimitInfo } from './retry-timing.js';

/** Waiting when the window's reset time is unknown (X-Rate-Limit has none; windows are a minute). */
const UNKNOWN_RESET_MS = 5_000;

interface Bucket {
  /** No request may start before this instant (a 429's Retry-After, or a spent budget). */
  pausedUntil: number;
  /** Earliest start of the next request when pacing a thin budget over the window. */
  nextSlotAt: number;
  spacingMs: number;
}

/**
 * A limiter driven by what Zendesk says rather than by a guessed rate. The budget is shared with
 * every other client on the account (research/zendesk.md §4), so it keeps a reserve: once the
 * headers report half the window spent it spreads the rest evenly over the time to reset, and
 * once only the reserve is left it waits for the reset. A 429 pauses the whole bucket for
 * Retry-After, so concurrent workers do not each run into the wall (no 429 storm).
 * Buckets separate limits Zendesk counts separately (incremental exports vs the rest).
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #reserveFraction: number;
  readonly #buckets = new Map<string, Bucket>();
  /** Total milliseconds requests were held back, for the run's result. */
  waitedMs = 0;

  constructor(clock: Clock, opts: { reserveFraction?: number } = {}) {
    this.#clock = clock;
    this.#reserveFraction = opts.reserveFraction ?? 0.1;
  }

  /** Resolves when a request in `bucket` may start. Rejects with the signal's reason on abort. */
  async acquire(bucket: string, signal: AbortSignal): Promise<void> {
    const b = this.#bucket(bucket);
    for (;;) {
      const now = this.#clock.now();
      const until = Math.max(b.pausedUntil, b.nextSlotAt);
      if (until <= now) {
        b.nextSlotAt = now + b.spacingMs;
        return;
      }
      this.waitedMs += until - now;
      await sleep(until - now, signal);
    }
  }

  /** Feeds back the headers of a response. Never throws. */
  observe(bucket: string, info: RateLimitInfo | undefined): void {
    if (!info) return;
    const b = this.#bucket(bucket);
    const now = this.#clock.now();
    const resetMs = info.resetMs ?? UNKNOWN_RESET_MS;
    const reserve = info.limit ? Math.max(1, Math.ceil(info.limit * this.#reserveFraction)) : 1;
    if (info.remaining <= reserve) {
      b.pausedUntil = Math.max(b.pausedUntil, now + resetMs);
      b.spacingMs = 0;
    } else if (info.limit && info.remaining < info.limit / 2 && info.resetMs !== undefined) {
      b.spacingMs = Math.floor(resetMs / (info.remaining - reserve));
    } else {
      b.spacingMs = 0;
    }
  }

  /** Holds every request of `bucket` for `ms` (a 429 or 503 with Retry-After). */
  pause(bucket: string, ms: number): void {
    const b = this.#bucket(bucket);
    b.pausedUntil = Math.max(b.pausedUntil, this.#clock.now() + ms);
  }

  #bucket(name: string): Bucket {
    let b = this.#buckets.get(name);
    if (!b) {
      b = { pausedUntil: 0, nextSlotAt: 0, spacingMs: 0 };
      this.#buckets.set(name, b);
    }
    return b;
  }
}
