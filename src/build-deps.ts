import { systemClock } from './clock.js';
import { fallbackLogPath, readDotenvFile, resolveConfig, type Config } from './config.js';
import { TRIGGERS, type Deps, type Trigger } from './deps.js';
import { DEFAULT_LOG_MAX_BYTES, fileRunLog, isLogged, type RunLog } from './output/log-file.js';
import { exitCodeOf, oneLineMessage } from './errors.js';
import { nodeRequire } from './node-require.js';
import { plainReporter, silentReporter, type Reporter } from './output/reporter.js';
import { spinnerAllowed, type Terminal } from './output/terminal.js';
import { terminalSafe } from './output/terminal-text.js';
import { bareStore } from './store/bare-store.js';
import type { Store } from './store/store.js';

export interface DepsOptions {
  /** A task run: adds the spinner or --verbose lines, and the log file. */
  forTask?: boolean;
  /**
   * A command that only reads: the database is opened query_only, never created, migrated or
   * switched to WAL (store/open-sqlite-read.ts). A missing file is a ConfigError (78) unless
   * `allowMissing`, which reads it as empty (`store.exists` false): what `status` reports.
   */
  readOnly?: boolean;
  allowMissing?: boolean;
  /**
   * With allowMissing: the default SQLite path's folder missing too reads as no database (a
   * machine where nothing ran yet), where `status` refuses it (78) like any missing folder.
   */
  allowMissingDefaultFolder?: boolean;
  /** With readOnly: refuse a damaged file before printing any of it (SQLite quick_check). */
  verify?: boolean;
}

/**
 * With DepsOptions.readOnly: what the command reads first, started as soon as the store is open.
 * On PostgreSQL its reads then share the round trip of the schema check (`status`).
 */
export type ReadAlong<T> = (deps: Pick<Deps, 'store' | 'clock' | 'host'>) => Promise<T>;

export interface GlobalOptions {
  db?: string;
  model?: string;
  verbose?: boolean;
  quiet?: boolean;
  debug?: boolean;
  json?: boolean;
}

/** Reads configuration only (no database): for commands such as `schedule` and `doctor`. */
export function loadConfig(globals: GlobalOptions, term: Terminal, cwd = process.cwd()): Config {
  return resolveConfig({ flags: { db: globals.db, model: globals.model }, env: { ...term.env }, cwd, dotenv: readDotenvFile(cwd) });
}

/**
 * Builds the Deps of one CLI invocation: config, the opened database, a reporter fit for where
 * output goes (`forTask` adds the spinner and the log file), the clock and the abort signal.
 * The store comes without Kysely (deps.db throws until `withKysely`): loading Kysely costs
 * ~20 ms that `status` must not pay. The returned `close` must run in a finally. Without
 * `signal` (a command that reads and ends, such as `status`), deps.signal never aborts.
 */
export async function buildDeps<T = never>(
  globals: GlobalOptions,
  term: Terminal,
  signal: AbortSignal | undefined,
  opts: DepsOptions = {},
  readAlong?: ReadAlong<T>,
): Promise<{ deps: Deps; close: () => Promise<void>; read?: Promise<T> }> {
  const config = loadConfig(globals, term);
  let host: string | undefined;
  const hostOf = () => (host ??= hostName(term.env));
  // The same store, clock and host as the deps below (host only read for a running worker row).
  const along = readAlong && ((store: Store) => readAlong({ store, clock: systemClock, get host() { return hostOf(); } }));
  const opened = opts.readOnly ? await openForReading(config, opts, along) : { store: await openForWriting(config), read: undefined };
  const store = opened.store;
  const reporter = opts.forTask ? await taskReporter(globals, term) : silentReporter;
  // Only task commands write the log: a read-only command never changes a file.
  const log = opts.forTask ? openRunLog(config, term) : undefined;
  const deps: Deps = {
    store,
    get db() {
      return store.db; // a getter, so a store opened without Kysely only throws when used
    },
    config,
    reporter,
    // Getters: an AbortController and node:os (for the host name) cost `status` ~0.5 ms to load,
    // and it needs neither unless a run is in the worker row.
    get signal() {
      return (signal ??= new AbortController().signal);
    },
    clock: systemClock,
    pid: process.pid,
    get host() {
      return hostOf();
    },
    leaseMs: config.leaseSeconds * 1000,
    log,
    trigger: triggerFromEnv(term.env),
  };
  return {
    deps,
    close: async () => {
      reporter.stop();
      await store.close();
    },
    read: opened.read,
  };
}

async function openForWriting(config: Config): Promise<Store> {
  if (config.database.dialect === 'postgres') {
    const { openPostgres } = await import('./store/postgres/open-postgres.js');
    return openPostgres(config.database);
  }
  if (config.dbSource === 'default') {
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(config.dbPath), { recursive: true, mode: 0o700 });
  }
  // Imported here, not at the top: it brings every migration, which commands that only read never need.
  const { openSqlite } = await import('./store/open-sqlite.js');
  return bareStore(config.dbPath, openSqlite(config.dbPath));
}

/** The store for a read-only command, and `along`'s promise when it was started on it (PostgreSQL only). */
async function openForReading<T>(config: Config, opts: DepsOptions, along?: (store: Store) => Promise<T>): Promise<{ store: Store; read?: Promise<T> }> {
  if (config.database.dialect === 'postgres') {
    const { openPostgres, openPostgresReading } = await import('./store/postgres/open-postgres.js');
    const opened = along
      ? await openPostgresReading(config.database, { allowMissing: opts.allowMissing }, along)
      : { store: await openPostgres(config.database, { readOnly: true, allowMissing: opts.allowMissing }) };
    if (opened.store.exists) return opened;
    // No issuetrack tables yet (allowMissing): read an empty database of the current schema, as
    // for a missing SQLite file, rather than create anything from a read-only command.
    await opened.store.close();
    const { emptyDatabase } = await import('./store/empty-database.js');
    return { store: bareStore(config.dbPath, emptyDatabase(), { exists: false }) };
  }
  if (opts.allowMissing && opts.allowMissingDefaultFolder && config.dbSource === 'default') {
    const { existsSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    if (!existsSync(dirname(config.dbPath))) {
      const { emptyDatabase } = await import('./store/empty-database.js');
      return { store: bareStore(config.dbPath, emptyDatabase(), { exists: false }) };
    }
  }
  const { openSqliteForReading } = await import('./store/open-sqlite-read.js');
  const found = await openSqliteForReading(config.dbPath, { allowMissing: Boolean(opts.allowMissing), verify: Boolean(opts.verify) });
  return { store: bareStore(config.dbPath, found.sqlite, { exists: found.exists, writable: !found.readOnly, schema: found.schema, onClose: found.close }) };
}

/** The same Deps with Kysely over the same connection (closing either store closes it). */
export async function withKysely(deps: Deps): Promise<Deps> {
  let store: Store;
  if (deps.store.dialect === 'postgres') {
    const { withPostgresKysely } = await import('./store/postgres/postgres-store.js');
    store = withPostgresKysely(deps.store);
  } else {
    const { wrapStore } = await import('./store/open-store.js');
    store = wrapStore(deps.store.path, deps.store.sqlite, { exists: deps.store.exists, writable: deps.store.writable, onClose: () => deps.store.close() });
  }
  // Field by field: spreading `deps` would read its throwing `db` getter.
  const { config, reporter, signal, clock, pid, host, leaseMs, log, trigger } = deps;
  return { store, db: store.db, config, reporter, signal, clock, pid, host, leaseMs, log, trigger };
}

/** Spinner on an interactive terminal, plain lines with --verbose, else nothing: for tasks and long commands. */
export async function taskReporter(globals: GlobalOptions, term: Terminal): Promise<Reporter> {
  const now = () => Date.now();
  if (globals.verbose) return plainReporter((line) => term.stderr.write(line), now);
  if (!globals.quiet && !globals.json && spinnerAllowed(term)) {
    const { spinnerReporter } = await import('./output/spinner-reporter.js');
    return spinnerReporter();
  }
  return silentReporter;
}

/** The run log as configured (path, level, size cap). */
export function openRunLog(config: Config, term?: Terminal): RunLog {
  const onError = term ? (message: string) => term.stderr.write(`issuetrack: warning: ${terminalSafe(message)}\n`) : undefined;
  return fileRunLog(config.logPath, { level: config.logLevel, maxBytes: config.logMaxBytes, keep: 3, now: () => Date.now(), onError });
}

/**
 * The name this process records in the worker lease: ISSUETRACK_HOSTNAME, else the machine's.
 * The lease probes a holder's pid only when the holder's host name is ours, so hosts sharing
 * one PostgreSQL need distinct names: containers whose host names repeat (or change at each
 * start) set it, and the lease tests use it to pose as two hosts on one machine.
 */
function hostName(env: Record<string, string | undefined>): string {
  return env.ISSUETRACK_HOSTNAME?.trim() || (nodeRequire('node:os') as typeof import('node:os')).hostname();
}

/** ISSUETRACK_TRIGGER as the scheduled lines set it (schedule/render-cron.ts); anything else is the CLI. */
function triggerFromEnv(env: Record<string, string | undefined>): Trigger {
  const value = env.ISSUETRACK_TRIGGER;
  return (TRIGGERS as readonly string[]).includes(value ?? '') ? (value as Trigger) : 'cli';
}

/**
 * Logs a task command that failed before or around its run (configuration, usage, a database it
 * cannot open), with its exit code. Errors a run already logged are skipped. When the
 * configuration itself is broken, the log goes where ISSUETRACK_LOG_FILE or the XDG default
 * points. Never throws.
 */
export function logCommandFailure(globals: GlobalOptions, term: Terminal, command: string, error: unknown): void {
  if (isLogged(error)) return;
  let log: RunLog;
  try {
    log = openRunLog(loadConfig(globals, term));
  } catch {
    log = fileRunLog(fallbackLogPath(term.env, process.cwd()), { level: 'info', maxBytes: DEFAULT_LOG_MAX_BYTES, keep: 3, now: () => Date.now() });
  }
  log.write({ level: 'error', event: 'command_failed', run_id: null, task: command, trigger: triggerFromEnv(term.env), exit_code: exitCodeOf(error), message: oneLineMessage(error) });
}
