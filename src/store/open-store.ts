import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Driver } from 'kysely';
import { openSqlite } from './open-sqlite.js';
import type { Database } from './schema.js';
import type { SqliteStore } from './store.js';

export { SCHEMA_VERSION } from './open-sqlite.js';
export type { SqliteStore, Store } from './store.js';


/** openSqlite (see there for what it checks and throws) with Kysely on top. */
export function openStore(path: string): SqliteStore {
  return wrapStore(path, openSqlite(path));
}

/** Puts Kysely over an already opened handle. Closing the store closes the handle. */
export function wrapStore(path: string, sqlite: BetterSqlite3.Database, found: { exists?: boolean; writable?: boolean; onClose?: () => void } = {}): SqliteStore {
  const db = new Kysely<Database>({ dialect: new KeepCauseSqliteDialect(sqlite) });
  return {
    dialect: 'sqlite',
    path,
    sqlite,
    db,
    exists: found.exists ?? true,
    writable: found.writable ?? true,
    close: async () => {
      await db.destroy();
      // Kysely closes the handle only if it ever opened a connection on it.
      if (sqlite.open) sqlite.close();
      found.onClose?.();
    },
  };
}

/**
 * Kysely's SQLite dialect, except that a rollback SQLite already did is not done again. On
 * SQLITE_FULL, SQLITE_IOERR and the like SQLite rolls the transaction back itself; Kysely then
 * sends ROLLBACK anyway, gets "cannot rollback - no transaction is active", and throws that in
 * place of the error that named the cause (a full disk, a locked file).
 */
class KeepCauseSqliteDialect extends SqliteDialect {
  readonly #sqlite: BetterSqlite3.Database;
  constructor(sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.#sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}
