import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** An open database: Kysely for queries, the raw handle for what Kysely cannot do (leases). */
export interface Store {
  readonly path: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}
