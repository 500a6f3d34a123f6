import { AuthError, ConfigError, IssuetrackError, TaskFailedError, UnavailableError } from '../errors.js';

/**
 * Translation of @anthropic-ai/sdk failures into our error classes, at the client edge. Works
 * by shape (status, requestID, headers, name) so that nothing here imports the SDK: callers
 * above analysis/ never see SDK error types.
 */

export type ClaudeFailureKind =
  | 'aborted' // our signal, or the SDK's APIUserAbortError
  | 'auth' // 401, 403
  | 'billing' // 402 billing_error: no credit; every further call would fail alike
  | 'rate_limited' // 429
  | 'overloaded' // 529
  | 'server' // other 5xx, 408, 409
  | 'connection' // no response at all (refused, reset, timeout)
  | 'not_found' // 404: usually a model id the account cannot use
  | 'request'; // other 4xx: this request will never succeed as sent

export interface ClaudeFailure {
  kind: ClaudeFailureKind;
  status: number | null;
  /** error.type of the API's error body, like overloaded_error. */
  type: string | null;
  requestId: string | null;
  /** Reads a response header of the failure (retry-after, anthropic-ratelimit-*); null when none. */
  header(name: string): string | null;
  message: string;
}

interface ErrorShape {
  name?: string;
  status?: unknown;
  requestID?: unknown;
  type?: unknown;
  apiMessage?: unknown;
  headers?: { get?(name: string): string | null };
  message?: string;
}

/** Classifies anything the SDK threw. Pure; never throws. */
export function classifyClaudeError(error: unknown): ClaudeFailure {
  const e = (error ?? {}) as ErrorShape;
  const status = typeof e.status === 'number' ? e.status : null;
  const headers = e.headers && typeof e.headers.get === 'function' ? e.headers : undefined;
  const failure = (kind: ClaudeFailureKind): ClaudeFailure => ({
    kind,
    status,
    type: typeof e.type === 'string' ? e.type : null,
    requestId: typeof e.requestID === 'string' ? e.requestID : null,
    header: (name) => headers?.get?.(name) ?? null,
    message: typeof e.apiMessage === 'string' ? e.apiMessage : (e.message ?? String(error)).split('\n')[0]!,
  });
  if (e.name === 'APIUserAbortError' || e.name === 'AbortError') return failure('aborted');
  if (status === null) return failure('connection');
  if (status === 401 || status === 403) return failure('auth');
  if (status === 402 || e.type === 'billing_error') return failure('billing');
  if (status === 429) return failure('rate_limited');
  if (status === 529) return failure('overloaded');
  if (status >= 500 || status === 408 || status === 409) return failure('server');
  if (status === 404) return failure('not_found');
  return failure('request');
}

/** One line naming host, status, type and request id; never a key. */
export function describeFailure(f: ClaudeFailure, host: string): string {
  const parts = [f.status !== null ? String(f.status) : 'no response', f.type].filter(Boolean).join(' ');
  return `${host}: ${parts}: ${f.message}${f.requestId ? ` (request ${f.requestId})` : ''}`;
}

/**
 * Our error for a failed Claude call: AuthError (77) for 401/403 and 402 billing_error (the
 * account cannot pay: every call would fail alike, so the run stops), UnavailableError (69) for
 * what stayed unavailable (429, 5xx, no connection), ConfigError (78) for 404 (a model the key
 * cannot use), TaskFailedError (1) for other 4xx. An abort passes through unchanged: the
 * signal's reason when the signal has one, else the original error. Keeps the original as cause.
 */
export function translateClaudeError(error: unknown, opts: { host: string; signal?: AbortSignal; attempts?: number }): unknown {
  if (opts.signal?.aborted) return opts.signal.reason;
  if (error instanceof IssuetrackError) return error;
  const f = classifyClaudeError(error);
  const what = describeFailure(f, opts.host);
  switch (f.kind) {
    case 'aborted':
      return error;
    case 'auth':
      return new AuthError(`Claude rejected the API key (ANTHROPIC_API_KEY): ${what}`, { cause: error });
    case 'billing':
      return new AuthError(`Claude refused to bill the account (add credit or check the plan in the Console): ${what}`, { cause: error });
    case 'rate_limited':
    case 'overloaded':
    case 'server':
    case 'connection':
      return new UnavailableError(`Claude unavailable${opts.attempts ? ` after ${opts.attempts} attempts` : ''}: ${what}`, { cause: error });
    case 'not_found':
      return new ConfigError(`Claude: not found (check ISSUETRACK_MODEL / --model): ${what}`, { cause: error });
    default:
      return new TaskFailedError(`Claude refused the request: ${what}`, { cause: error });
  }
}
