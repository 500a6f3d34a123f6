import { accessSync, closeSync, constants, existsSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { nodeRequire } from '../node-require.js';
import { inspectSchema } from './inspect-sqlite.js';
import { migrate } from './migrate.js';

export { SCHEMA_VERSION } from './migrate.js';

const ADDON = 'better-sqlite3/build/Release/better_sqlite3.node';

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating if needed, mode 0600) and migrates the SQLite database at `path` for a task:
 * WAL, busy timeout, foreign keys. Throws ConfigError (78), leaving the file untouched, when the
 * path is unusable or read-only, the file is not SQLite, is damaged, belongs to another
 * application, or a newer issuetrack wrote it. Safe to call from many processes at once, and
 * again in a process that has the file open (it opens no descriptor of its own on an existing
 * file). Kysely is not loaded here (it costs ~20 ms of start-up): see open-store.ts.
 */
export function openSqlite(path: string): BetterSqlite3.Database {
  refuseUnusablePath(path);
  refuseReadOnly(path);
  let sqlite: BetterSqlite3.Database;
  try {
    // Our own descriptor only while no file exists, so no SQLite handle of ours can lose its locks.
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    sqlite = newSqlite(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new ConfigError(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    inspectSchema(sqlite, path); // reads only: nothing below may write to a file we refuse
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite);
  } catch (error) {
    sqlite.close();
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot use database ${path}: ${(error as Error).message}`, { cause: error });
  }
  return sqlite;
}

/**
 * `new BetterSqlite3(path, options)` on the addon sqliteAddon() loaded. Throws what the
 * constructor throws (SqliteError, TypeError), and what loading the addon throws.
 */
export function newSqlite(path: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  // The type says a path; better-sqlite3 takes the loaded addon as well (lib/database.js).
  return new BetterSqlite3(path, { ...options, nativeBinding: sqliteAddon() as string | undefined });
}

let loaded: object | undefined;

/**
 * better-sqlite3's compiled addon, loaded once per process, for newSqlite(). Without
 * it better-sqlite3 asks the `bindings` package, which stats a dozen candidate paths and costs
 * ~4 ms of every start; and where a source build puts it, it is loaded by that path directly
 * (process.dlopen, as require() would after resolving and realpath-ing it, ~0.4 ms of `status`).
 * Undefined (better-sqlite3's own search) when the addon is nowhere require() finds it. Throws
 * what loading it throws (an addon built for another node).
 */
function sqliteAddon(): object | undefined {
  if (loaded) return loaded;
  const path = addonPath();
  if (path === undefined) return undefined;
  const module = { exports: {} };
  process.dlopen(module, path);
  return (loaded = module.exports);
}

function addonPath(): string | undefined {
  // Where require.resolve finds it from dist/fast/, dist/chunks/ and src/store/ (none of which
  // has a node_modules of its own), with one stat instead of resolve's ~0.8 ms of package.json
  // reads. __dirname in the CommonJS status bundle: a file URL costs ~1 ms there (node's URL
  // parser) before anything else needs one.
  const here = typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url));
  const beside = join(here, '..', '..', 'node_modules', ADDON);
  if (existsSync(beside)) return beside;
  try {
    const path = nodeRequire.resolve(ADDON);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Throws ConfigError for a path that names a folder, or whose folder is missing. */
export function refuseUnusablePath(path: string): void {
  if (!existsSync(path)) {
    const folder = dirname(path);
    if (!existsSync(folder)) throw new ConfigError(`database folder does not exist: ${folder}`);
    if (!statSync(folder).isDirectory()) throw new ConfigError(`database folder is not a folder: ${folder}`);
    return;
  }
  if (!statSync(path).isFile()) throw new ConfigError(`database path is not a file: ${path}`);
}

/** Whether this process may write the file (when it exists) and create files beside it. */
export function isWritable(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A task on a read-only file would fail at its first write ("attempt to write a readonly
 * database") after SQLite quietly opened it read-only; say so before anything starts.
 * SQLite also needs the folder writable, for the -wal and -shm files beside the database.
 */
function refuseReadOnly(path: string): void {
  if (isWritable(path)) return;
  throw new ConfigError(
    `database ${path} is read-only (the file or its folder is not writable by this user): tasks write to it; status, issues, report and export can still read it`,
  );
}
