import { backoffDelayMs } from '../retry-timing.js';
import { sleep } from '../sleep.js';
import type { RetryPolicy } from './alert-settings.js';
import type { SendResult } from './send-result.js';

export interface RetriedSend {
  /** The last attempt's result. */
  result: SendResult;
  /** Attempts in all, the earlier runs' `previousAttempts` included. */
  attempts: number;
  /** sent, failed for good (permanent, or maxAttempts reached), or left for a later run. */
  outcome: 'sent' | 'failed' | 'later';
  /** For `later`: how long the receiver asked to wait, or the next backoff. */
  retryInMs: number | null;
}

/**
 * Calls `send` until it succeeds, fails permanently, reaches `policy.maxAttempts` in all, or has
 * been tried `attemptsPerRun` times in this call. Between tries it sleeps Retry-After when the
 * receiver gave one, else a full-jitter backoff; a wait longer than `maxWaitMs` is left to a later
 * run. `afterTry` runs after each failed try that will be retried here (delivery records it).
 * Throws only the abort reason (from `send` or the sleep).
 */
export async function sendWithRetries(opts: {
  send: () => Promise<SendResult>;
  policy: RetryPolicy;
  previousAttempts: number;
  signal: AbortSignal;
  random: () => number;
  afterTry?: (result: SendResult, attempts: number) => Promise<void>;
}): Promise<RetriedSend> {
  const { policy } = opts;
  let attempts = opts.previousAttempts;
  for (let tries = 1; ; tries++) {
    attempts++;
    const result = await opts.send();
    if (result.ok) return { result, attempts, outcome: 'sent', retryInMs: null };
    if (result.permanent || attempts >= policy.maxAttempts) return { result, attempts, outcome: 'failed', retryInMs: null };
    const waitMs = result.retryAfterMs ?? backoffDelayMs(tries, policy.baseDelayMs, policy.maxDelayMs, opts.random());
    if (tries >= policy.attemptsPerRun || waitMs > policy.maxWaitMs) return { result, attempts, outcome: 'later', retryInMs: waitMs };
    await opts.afterTry?.(result, attempts);
    await sleep(waitMs, opts.signal);
  }
}
