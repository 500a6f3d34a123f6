import { closeSync, existsSync, openSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { inspectSchema } from './inspect-sqlite.js';
import { migrate } from './migrate.js';
import { BUSY_TIMEOUT_MS, isWritable, newSqlite, refuseUnusablePath } from './sqlite-file.js';

export { SCHEMA_VERSION } from './migrate.js';

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
