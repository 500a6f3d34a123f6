import type { Clock } from '../clock.js';
import { sleep as realSleep } from '../sleep.js';
import { afterSuccess, afterThrottle, exhaustedBucketWaitMs, retryAfterMs, type HeaderGetter } from './limiter-math.js';

/**
 * Adaptive concurrency for Claude calls. Holds requests in flight at or under a limit that
 * starts at `maxConcurrency`, halves on 429/529 and creeps back on success; pauses everyone
 * when the server says retry-after or a rate-limit bucket is empty. In flight never exceeds
 * `maxConcurrency`.
 */
export class AdaptiveLimiter {
  readonly maxConcurrency: number;
  #limit: number;
  #inFlight = 0;
  #peak = 0;
  #pausedUntil = 0;
  #waiters: Array<() => void> = [];
  readonly #clock: Clock;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(opts: { maxConcurrency: number; clock: Clock; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> }) {
    this.maxConcurrency = Math.max(1, Math.floor(opts.maxConcurrency));
    this.#limit = this.maxConcurrency;
    this.#clock = opts.clock;
    this.#sleep = opts.sleep ?? realSleep;
  }

  get inFlight(): number {
    return this.#inFlight;
  }
  /** Most requests ever in flight at once. */
  get peakInFlight(): number {
    return this.#peak;
  }
  /** The current adaptive limit (whole slots). */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /**
   * Waits for a slot (and for any pause to end), then returns its release function, which must
   * be called exactly once (in a finally). Rejects with the signal's reason on abort.
   */
  async acquire(signal: AbortSignal): Promise<() => void> {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const pause = this.#pausedUntil - this.#clock.now();
      if (pause > 0) {
        await this.#sleep(pause, signal);
        continue;
      }
      if (this.#inFlight < Math.floor(this.#limit)) break;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          this.#waiters = this.#waiters.filter((w) => w !== wake);
          reject(signal.reason);
        };
        const wake = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        this.#waiters.push(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.#inFlight++;
    this.#peak = Math.max(this.#peak, this.#inFlight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      this.#wakeAll();
    };
  }

  /** A response arrived: grow the limit, and pause if a bucket says it is empty. */
  noteSuccess(header: HeaderGetter): void {
    this.#limit = afterSuccess(this.#limit, this.maxConcurrency);
    this.#pauseFor(exhaustedBucketWaitMs(header, this.#clock.now()));
    this.#wakeAll();
  }

  /**
   * A 429/529 (capacity) or other transient failure. Capacity failures halve the limit and
   * pause everyone for retry-after; returns how long this caller should wait before retrying,
   * at least `backoff`.
   */
  noteFailure(kind: 'capacity' | 'transient', header: HeaderGetter, backoff: number): number {
    const now = this.#clock.now();
    const asked = retryAfterMs(header, now);
    if (kind === 'capacity') {
      this.#limit = afterThrottle(this.#limit);
      this.#pauseFor(Math.max(asked ?? 0, exhaustedBucketWaitMs(header, now)));
    }
    return Math.max(backoff, asked ?? 0);
  }

  #pauseFor(ms: number): void {
    if (ms > 0) this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  #wakeAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
