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
    // The class's name for the stack's first line (--debug). The classes below spell theirs out:
    // the status bundle is minified without esbuild's keepNames (build.mjs), which renames them.
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A task ran and failed (exit 1). */
export class TaskFailedError extends IssuetrackError {
  override name = 'TaskFailedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 1, options);
  }
}

/** Bad flags or arguments (exit 64, EX_USAGE). */
export class UsageError extends IssuetrackError {
  override name = 'UsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 64, options);
  }
}

/** A remote API stayed unavailable after our retries (exit 69, EX_UNAVAILABLE). */
export class UnavailableError extends IssuetrackError {
  override name = 'UnavailableError';
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
  override name = 'LeaseHeldError';
  readonly holder: LeaseHolderInfo | undefined;
  constructor(message: string, holder?: LeaseHolderInfo) {
    super(message, 75);
    this.holder = holder;
  }
}

/** Another process keeps the database locked past the busy timeout; retry later (exit 75). */
export class DatabaseBusyError extends IssuetrackError {
  override name = 'DatabaseBusyError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 75, options);
  }
}

/** A remote API rejected our credentials (exit 77, EX_NOPERM). */
export class AuthError extends IssuetrackError {
  override name = 'AuthError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 77, options);
  }
}

/** Missing or bad configuration, or a database we must not touch (exit 78, EX_CONFIG). */
export class ConfigError extends IssuetrackError {
  override name = 'ConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 78, options);
  }
}

/** SIGINT (130) or SIGTERM (143) stopped the run. Used as the AbortSignal's reason. */
export class InterruptedError extends IssuetrackError {
  override name = 'InterruptedError';
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
  override name = 'CheckStatusError';
  readonly alreadyReported = true;
  constructor(line: string, exitCode: 1 | 2) {
    super(line, exitCode);
  }
}

/** The exit code for anything thrown: ours carry one, anything else is an internal failure (1). */
export function exitCodeOf(error: unknown): number {
  const known = asIssuetrackError(error);
  return known ? known.exitCode : 1;
}

/** One line for stderr: our message, or the first line of a foreign error's message. */
export function oneLineMessage(error: unknown): string {
  const known = asIssuetrackError(error);
  const message = known ? known.message : error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] || 'unknown error').trim();
}

/** pg's own errors (no SQLSTATE) for a connection the server ended (node_modules/pg/lib/client.js). */
const PG_CONNECTION_LOST = /^(Connection terminated unexpectedly|Client has encountered a connection error and is not queryable)$/;
/** Node's codes for a connection that broke or could not be made. */
const NETWORK_LOST = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);

/**
 * Ours as is; an SQLite failure an operator can cause (disk full, locked, read-only, damaged,
 * not a database) as the error of its exit class, naming the cause; anything else undefined
 * (an internal failure). SQLite errors are recognised by their `code` (better-sqlite3's
 * SqliteError carries SQLite's result code name), so nothing here loads the driver.
 */
export function asIssuetrackError(error: unknown): IssuetrackError | undefined {
  if (error instanceof IssuetrackError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof (error as { severity?: unknown }).severity === 'string') {
    return postgresError(error as Error, code);
  }
  if (error instanceof Error && code === undefined && PG_CONNECTION_LOST.test(error.message)) {
    return new UnavailableError(`lost the PostgreSQL server: ${error.message}; try again later`, { cause: error });
  }
  // A socket that failed under a query (pg passes Node's error on as is): the network or the
  // server went away, which an operator can cause and a later run may not meet.
  if (error instanceof Error && typeof code === 'string' && NETWORK_LOST.has(code)) {
    return new UnavailableError(`lost a network connection: ${error.message} (${code}); try again later`, { cause: error });
  }
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const detail = `${(error as Error).message} (${code})`;
  const options = { cause: error };
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT…) belong to their primary code.
  const primary = /^SQLITE_[A-Z]+/.exec(code)![0];
  switch (primary) {
    case 'SQLITE_FULL':
      return new TaskFailedError(`database write failed, the disk is full: ${detail}; free space and run again`, options);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new DatabaseBusyError(`database is locked by another process: ${detail}; try again later`, options);
    case 'SQLITE_READONLY':
      return new ConfigError(`database is read-only: ${detail}; tasks need write access to the file and its folder`, options);
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new ConfigError(`database is damaged: ${detail}; restore it from a backup`, options);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new ConfigError(`cannot open the database: ${detail}`, options);
    case 'SQLITE_IOERR':
    case 'SQLITE_NOMEM':
      return new TaskFailedError(`database I/O failed: ${detail}`, options);
    default:
      return undefined;
  }
}

/**
 * A PostgreSQL server error (pg's DatabaseError: a SQLSTATE `code` and a `severity`) an operator
 * can cause, as the error of its exit class; anything else undefined (an internal failure).
 * Classes from https://www.postgresql.org/docs/current/errcodes-appendix.html.
 */
function postgresError(error: Error, code: string): IssuetrackError | undefined {
  const detail = `${error.message.split('\n')[0]} (PostgreSQL ${code})`;
  const options = { cause: error };
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') {
    return new UnavailableError(`lost the PostgreSQL server: ${detail}; try again later`, options);
  }
  if (code === '53300') return new UnavailableError(`PostgreSQL has no free connection: ${detail}; lower ISSUETRACK_DB_POOL_SIZE or raise max_connections`, options);
  if (code === '53100') return new TaskFailedError(`database write failed, the server's disk is full: ${detail}`, options);
  if (code === '40001' || code === '40P01' || code === '55P03') return new DatabaseBusyError(`database is busy: ${detail}; try again later`, options);
  if (code === '25006') return new ConfigError(`database is read-only: ${detail}; tasks need a writable PostgreSQL (not a standby)`, options);
  if (code.startsWith('28') || code === '42501') return new AuthError(`PostgreSQL refused: ${detail}`, options);
  return undefined;
}
