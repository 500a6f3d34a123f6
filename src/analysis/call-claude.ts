import type Anthropic from '@anthropic-ai/sdk';
import { sleep as realSleep } from '../sleep.js';
import type { ClaudeClient } from './claude-client.js';
import { classifyClaudeError, describeFailure, translateClaudeError } from './claude-errors.js';
import { backoffMs } from './limiter-math.js';
import type { AdaptiveLimiter } from './limiter.js';
import type { AnalysisParams } from './prompt.js';

/** Attempts per call before the ticket is recorded failed as unavailable. */
export const MAX_TRANSIENT_ATTEMPTS = 6;

export type CallOutcome =
  | { ok: true; message: Anthropic.Message; requestId: string | null }
  | { ok: false; reason: string; unavailable: boolean }
  /** Not sent: `stillWanted` said no once a slot was free (the run stopped while it waited). */
  | { ok: false; reason: 'not sent'; unavailable: false; notSent: true };

export interface CallOptions {
  signal: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  maxAttempts?: number;
  /**
   * Asked after a slot is acquired, before each request goes out. A caller that stops its run
   * (too many refusals, budget) while calls wait for slots says no, so no request is sent (and
   * paid or refused) for a run that has already decided to end.
   */
  stillWanted?: () => boolean;
}

/**
 * One Messages API call under the limiter, retried on 429, 529, 5xx and lost connections with
 * the server's retry-after or exponential backoff (the SDK itself retries nothing).
 * Returns the message, or `{ok:false}` for what is this ticket's problem (a 400/413, or still
 * unavailable after MAX_TRANSIENT_ATTEMPTS). Throws only what ends the run: AuthError (401/403/402),
 * ConfigError (404 model), and the abort reason.
 */
export async function callClaude(claude: ClaudeClient, limiter: AdaptiveLimiter, params: AnalysisParams, opts: CallOptions): Promise<CallOutcome> {
  const random = opts.random ?? Math.random;
  const wait = opts.sleep ?? realSleep;
  const maxAttempts = opts.maxAttempts ?? MAX_TRANSIENT_ATTEMPTS;
  let lastReason = '';
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const release = await limiter.acquire(opts.signal);
    if (opts.stillWanted && !opts.stillWanted()) {
      release();
      return { ok: false, reason: 'not sent', unavailable: false, notSent: true };
    }
    let delay = 0;
    try {
      const { data, response } = await claude.client.messages
        .create(params as unknown as Anthropic.MessageCreateParamsNonStreaming, { signal: opts.signal })
        .withResponse();
      limiter.noteSuccess((name) => response.headers.get(name));
      return { ok: true, message: data, requestId: response.headers.get('request-id') };
    } catch (error) {
      const failure = classifyClaudeError(error);
      if (opts.signal.aborted || failure.kind === 'aborted' || failure.kind === 'auth' || failure.kind === 'billing' || failure.kind === 'not_found') {
        throw translateClaudeError(error, { host: claude.host, signal: opts.signal });
      }
      lastReason = describeFailure(failure, claude.host);
      if (failure.kind === 'request') return { ok: false, reason: `request rejected: ${lastReason}`, unavailable: false };
      const capacity = failure.kind === 'rate_limited' || failure.kind === 'overloaded';
      delay = limiter.noteFailure(capacity ? 'capacity' : 'transient', failure.header, backoffMs(attempt, random()));
    } finally {
      release();
    }
    if (attempt + 1 < maxAttempts) await wait(delay, opts.signal);
  }
  return { ok: false, reason: `unavailable after ${maxAttempts} attempts: ${lastReason}`, unavailable: true };
}
