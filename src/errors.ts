/**
 * Every failure that ends the process is one of these. Each carries the exit code of its row in
 * the exit table (DESIGN.md, "Output contract"); the one catch in cli.ts prints the message once
 * and exits with that code. Messages must never contain a secret.
 */
export class IssuetrackError extends Error {
  readonly exitCode: number;
  /** What a task had done when it failed; runTask records it as the run's result. */
  partialResult?: Record<string, unknown>;
  constructor(message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A task ran and failed (exit 1). */
export class TaskFailedError extends IssuetrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 1, options);
  }
}

/** Bad flags or arguments (exit 64, EX_USAGE). */
export class UsageError extends IssuetrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 64, options);
  }
}

/** A remote API stayed unavailable after our retries (exit 69, EX_UNAVAILABLE). */
export class UnavailableError extends IssuetrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 69, options);
  }
}

/** Who holds the worker lease, as a refusal names it (the API's 400 carries these fields). */
export interface LeaseHolderInfo {
  task: string;
  run_id: string;
  pid: number | null;
  host: string | null;
  started_at: string | null;
}

/** Another run holds the worker lease; retry later (exit 75, EX_TEMPFAIL). */
export class LeaseHeldError extends IssuetrackError {
  readonly holder: LeaseHolderInfo | undefined;
  constructor(message: string, holder?: LeaseHolderInfo) {
    super(message, 75);
    this.holder = holder;
  }
}

/** A remote API rejected our credentials (exit 77, EX_NOPERM). */
export class AuthError extends IssuetrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 77, options);
  }
}

/** Missing or bad configuration, or a database we must not touch (exit 78, EX_CONFIG). */
export class ConfigError extends IssuetrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 78, options);
  }
}

/** SIGINT (130) or SIGTERM (143) stopped the run. Used as the AbortSignal's reason. */
export class InterruptedError extends IssuetrackError {
  readonly signal: 'SIGINT' | 'SIGTERM';
  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}`, signal === 'SIGINT' ? 130 : 143);
    this.signal = signal;
  }
}

/**
 * `status --check` found a warning (exit 1) or something critical (exit 2); its one line is already
 * on stdout, so the CLI prints nothing more (Nagios reads the first line and the exit status).
 */
export class CheckStatusError extends IssuetrackError {
  readonly alreadyReported = true;
  constructor(line: string, exitCode: 1 | 2) {
    super(line, exitCode);
  }
}

/** The exit code for anything thrown: ours carry one, anything else is an internal failure (1). */
export function exitCodeOf(error: unknown): number {
  return error instanceof IssuetrackError ? error.exitCode : 1;
}

/** One line for stderr: our message, or the first line of a foreign error's message. */
export function oneLineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] || 'unknown error').trim();
}
