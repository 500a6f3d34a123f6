import { Kysely, PostgresDialect } from 'kysely';
import Cursor from 'pg-cursor';
import type { Database } from '../schema.js';
import type { PostgresStore } from '../store.js';
import { openPostgres, type OpenPostgresOptions } from './open-postgres.js';
import type { PostgresTarget } from './postgres-url.js';

/** openPostgres (see there for what it checks and throws) with Kysely on top. */
export async function openPostgresStore(target: PostgresTarget, opts: OpenPostgresOptions = {}): Promise<PostgresStore> {
  return withPostgresKysely(await openPostgres(target, opts));
}

/** The same store with Kysely over its pool. Closing it ends the pool. */
export function withPostgresKysely(store: PostgresStore): PostgresStore {
  // pg-cursor (added for this): Kysely streams rows (export) through a server-side cursor.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: store.pool, cursor: Cursor }) });
  return {
    dialect: 'postgres',
    path: store.path,
    pool: store.pool,
    db,
    exists: store.exists,
    writable: store.writable,
    close: async () => {
      await db.destroy(); // ends the pool if Kysely ever used it
      await store.close();
    },
  };
}
