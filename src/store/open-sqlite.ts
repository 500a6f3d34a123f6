import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { migrations } from './migrations.js';

const SQLITE_HEADER = 'SQLite format 3\0';
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

/**
 * Opens (creating if needed, mode 0600) and migrates the SQLite database at `path`: WAL,
 * busy timeout, foreign keys. Throws ConfigError, leaving the file untouched, when the path is
 * unusable, the file is not SQLite, or a newer issuetrack wrote it. Safe to call from many
 * processes at once. Kysely is not loaded here (it costs ~20 ms of start-up): see open-store.ts.
 */
export function openSqlite(path: string): BetterSqlite3.Database {
  refuseUnusablePath(path);
  let sqlite: BetterSqlite3.Database;
  try {
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    sqlite = new BetterSqlite3(path, { timeout: 10_000, nativeBinding: nativeBindingPath() });
  } catch (error) {
    throw new ConfigError(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // Read-only checks first: nothing below may write to a file we are going to refuse.
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new ConfigError(
        `database ${path} was written by a newer issuetrack (schema ${version}, this one knows up to ${SCHEMA_VERSION}); upgrade issuetrack`,
      );
    }
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
 * The compiled addon's path. Without it better-sqlite3 asks the `bindings` package, which stats
 * a dozen candidate paths and costs ~4 ms of every start. Undefined (the default search) when
 * the file is not where a source build puts it.
 */
export function nativeBindingPath(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const addon = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
}

function refuseUnusablePath(path: string): void {
  if (!existsSync(path)) {
    const folder = dirname(path);
    if (!existsSync(folder)) throw new ConfigError(`database folder does not exist: ${folder}`);
    if (!statSync(folder).isDirectory()) throw new ConfigError(`database folder is not a folder: ${folder}`);
    return;
  }
  const stat = statSync(path);
  if (!stat.isFile()) throw new ConfigError(`database path is not a file: ${path}`);
  if (stat.size === 0) return; // an empty file is a new database to SQLite
  if (!hasSqliteHeader(path)) throw new ConfigError(`not an SQLite database: ${path} (left untouched)`);
}

/** Whether the file at `path` starts with SQLite's 16-byte header. Reads only; throws on I/O errors. */
export function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Applies pending migrations in one BEGIN IMMEDIATE, so racing processes migrate exactly once. */
function migrate(sqlite: BetterSqlite3.Database): void {
  const current = () => sqlite.pragma('user_version', { simple: true }) as number;
  if (current() === SCHEMA_VERSION) return;
  sqlite
    .transaction(() => {
      const from = current(); // re-read under the write lock: another process may have won
      for (const migration of migrations) {
        if (migration.version <= from) continue;
        sqlite.exec(migration.sql);
        sqlite.pragma(`user_version = ${migration.version}`);
      }
    })
    .immediate();
}
