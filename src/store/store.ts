import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** An open database: Kysely for queries, the raw handle for what Kysely cannot do (leases). */
export interface Store {
  readonly path: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  /** False when a read-only command found no file at `path` and reads an empty database instead. */
  readonly exists?: boolean;
  /** False when this user may not write the file or its folder (read-only commands still read it). */
  readonly writable?: boolean;
  close(): Promise<void>;
}
