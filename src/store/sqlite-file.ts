import { accessSync, constants, existsSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { nodeRequire } from '../node-require.js';

/*
 * The SQLite file and handle, for readers and writers alike: no migrations here, so that a
 * command that only reads (`status`) never loads them (see open-sqlite-read.ts).
 */

const ADDON = 'better-sqlite3/build/Release/better_sqlite3.node';

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

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

/**
 * Throws ConfigError for a path that names a folder, or whose folder is missing (unless
 * `missingFolderIsNothing`: a reader that takes a missing file as no database takes a missing
 * folder the same way, since nothing is there either). Returns what stat says of the file, or
 * undefined when nothing is there (one stat for the callers' questions too: each call is a
 * syscall and a Stats object at every `status`).
 */
export function refuseUnusablePath(path: string, opts: { missingFolderIsNothing?: boolean } = {}): Stats | undefined {
  const found = statIfThere(path);
  if (!found) {
    const folder = dirname(path);
    if (!existsSync(folder)) {
      if (opts.missingFolderIsNothing) return undefined;
      throw new ConfigError(`database folder does not exist: ${folder}`);
    }
    if (!statSync(folder).isDirectory()) throw new ConfigError(`database folder is not a folder: ${folder}`);
    return undefined;
  }
  if (!found.isFile()) throw new ConfigError(`database path is not a file: ${path}`);
  return found;
}

/** stat(path), undefined where existsSync would say false (no entry, no permission to look). */
function statIfThere(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
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
