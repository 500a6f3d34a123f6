import { sleep } from '../sleep.js';
import type { ClaudeClient } from './claude-client.js';
import { classifyClaudeError, translateClaudeError } from './claude-errors.js';
import { backoffMs, retryAfterMs } from './limiter-math.js';

/**
 * Runs one Claude API operation (batch create, retrieve, results) retrying 429, 529, 5xx and
 * lost connections up to `attempts` times with retry-after or backoff. Throws our error class
 * for what remains (UnavailableError 69, AuthError 77, ...); an abort passes through.
 */
export async function withTransientRetries<T>(
  claude: ClaudeClient,
  signal: AbortSignal,
  fn: () => Promise<T>,
  opts: { attempts?: number; now?: () => number; random?: () => number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 4;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const f = classifyClaudeError(error);
      const transient = f.kind === 'rate_limited' || f.kind === 'overloaded' || f.kind === 'server' || f.kind === 'connection';
      if (signal.aborted || !transient || attempt + 1 >= attempts) {
        throw translateClaudeError(error, { host: claude.host, signal, attempts: attempt + 1 });
      }
      const asked = retryAfterMs(f.header, (opts.now ?? Date.now)());
      await sleep(Math.max(asked ?? 0, backoffMs(attempt, (opts.random ?? Math.random)())), signal);
    }
  }
}
