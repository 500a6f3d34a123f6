import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SqliteStore } from './store.js';

/**
 * A store without Kysely, for the commands whose start-up time matters (`status`): `db` throws
 * if touched, so a query written against it fails loudly in tests rather than loading Kysely.
 */
export function bareStore(
  path: string,
  sqlite: BetterSqlite3.Database,
  found: { exists?: boolean; writable?: boolean; schema?: SqliteStore['schema']; onClose?: () => void } = {},
): SqliteStore {
  return {
    dialect: 'sqlite',
    path,
    sqlite,
    exists: found.exists ?? true,
    writable: found.writable ?? true,
    schema: found.schema,
    get db(): Kysely<Database> {
      throw new Error('this command opened the database without Kysely; use store.sqlite');
    },
    close: async () => {
      if (sqlite.open) sqlite.close();
      found.onClose?.();
    },
  };
}
