import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ConfigError } from '../errors.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

/** An open database: Kysely for queries, the raw handle for what Kysely cannot do (leases). */
export interface Store {
  readonly path: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\0';
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

/**
 * Opens (creating if needed, mode 0600) and migrates the database at `path`.
 * Throws ConfigError, leaving the file untouched, when the path is unusable, the file is not
 * SQLite, or a newer issuetrack wrote it. Safe to call from many processes at once.
 */
export function openStore(path: string): Store {
  refuseUnusablePath(path);
  let sqlite: BetterSqlite3.Database;
  try {
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    sqlite = new BetterSqlite3(path, { timeout: 10_000 });
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    path,
    sqlite,
    db,
    close: async () => {
      await db.destroy(); // closes the better-sqlite3 handle too
    },
  };
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
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new ConfigError(`not an SQLite database: ${path} (left untouched)`);
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
