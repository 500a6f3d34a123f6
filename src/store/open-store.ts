import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite } from './open-sqlite.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export { SCHEMA_VERSION } from './open-sqlite.js';
export type { Store } from './store.js';


/** openSqlite (see there for what it checks and throws) with Kysely on top. */
export function openStore(path: string): Store {
  return wrapStore(path, openSqlite(path));
}

/** Puts Kysely over an already opened handle. Closing the store closes the handle. */
export function wrapStore(path: string, sqlite: BetterSqlite3.Database): Store {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    path,
    sqlite,
    db,
    close: async () => {
      await db.destroy();
      // Kysely closes the handle only if it ever opened a connection on it.
      if (sqlite.open) sqlite.close();
    },
  };
}
