import { hostname } from 'node:os';
import { systemClock } from './clock.js';
import { readDotenvFile, resolveConfig, type Config } from './config.js';
import type { Deps } from './deps.js';
import { logFileReporter } from './output/log-file.js';
import { plainReporter, silentReporter, teeReporter, type Reporter } from './output/reporter.js';
import { spinnerAllowed, type Terminal } from './output/terminal.js';
import { bareStore } from './store/bare-store.js';
import { openSqlite } from './store/open-sqlite.js';

export interface DepsOptions {
  /** A task run: adds the spinner or --verbose lines, and the log file. */
  forTask?: boolean;
}

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
 * ~20 ms that `status` must not pay. The returned `close` must run in a finally.
 */
export async function buildDeps(
  globals: GlobalOptions,
  term: Terminal,
  signal: AbortSignal,
  opts: DepsOptions = {},
): Promise<{ deps: Deps; close: () => Promise<void> }> {
  const config = loadConfig(globals, term);
  if (config.dbSource === 'default') {
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(config.dbPath), { recursive: true, mode: 0o700 });
  }
  const store = bareStore(config.dbPath, openSqlite(config.dbPath));
  const reporter = opts.forTask ? await taskReporter(globals, term, config) : silentReporter;
  const deps: Deps = {
    store,
    get db() {
      return store.db; // a getter, so a store opened without Kysely only throws when used
    },
    config,
    reporter,
    signal,
    clock: systemClock,
    pid: process.pid,
    host: hostname(),
    leaseMs: config.leaseSeconds * 1000,
  };
  return {
    deps,
    close: async () => {
      reporter.stop();
      await store.close();
    },
  };
}

/** The same Deps with Kysely over the same connection (closing either store closes it). */
export async function withKysely(deps: Deps): Promise<Deps> {
  const { wrapStore } = await import('./store/open-store.js');
  const store = wrapStore(deps.store.path, deps.store.sqlite);
  // Field by field: spreading `deps` would read its throwing `db` getter.
  const { config, reporter, signal, clock, pid, host, leaseMs } = deps;
  return { store, db: store.db, config, reporter, signal, clock, pid, host, leaseMs };
}

async function taskReporter(globals: GlobalOptions, term: Terminal, config: Config): Promise<Reporter> {
  const now = () => Date.now();
  const log = logFileReporter(config.logPath, {}, now);
  if (globals.verbose) return teeReporter(log, plainReporter((line) => term.stderr.write(line), now));
  if (!globals.quiet && !globals.json && spinnerAllowed(term)) {
    const { spinnerReporter } = await import('./output/spinner-reporter.js');
    return teeReporter(log, await spinnerReporter());
  }
  return log;
}
